using Xunit.Sdk;

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// Issue 21: a golden test run in update mode writes the file and fails, so it can never pass by
/// comparing the output with the file it has just written.
/// </summary>
[Trait("Category", "Unit")]
public sealed class GoldenFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("golden-").FullName;

    private string File(string name) => Path.Combine(directory, name);

    [Fact]
    public void update_mode_writes_the_file_and_then_fails()
    {
        var path = File("out.json");
        System.IO.File.WriteAllText(path, "old");

        var failure = Assert.ThrowsAny<XunitException>(() => GoldenFile.AssertMatches(path, "out.json", "new", update: true));

        Assert.Equal("new", System.IO.File.ReadAllText(path));
        Assert.Contains("rewritten", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void update_mode_fails_even_when_nothing_changed()
    {
        var path = File("same.json");
        System.IO.File.WriteAllText(path, "same");

        Assert.ThrowsAny<XunitException>(() => GoldenFile.AssertMatches(path, "same.json", "same", update: true));
    }

    [Fact]
    public void update_mode_writes_a_missing_file_and_fails()
    {
        var path = File("missing.json");

        Assert.ThrowsAny<XunitException>(() => GoldenFile.AssertMatches(path, "missing.json", "first", update: true));
        Assert.Equal("first", System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void compare_mode_passes_only_on_the_same_bytes()
    {
        var path = File("pinned.json");
        System.IO.File.WriteAllText(path, "pinned");

        GoldenFile.AssertMatches(path, "pinned.json", "pinned", update: false);
        Assert.ThrowsAny<XunitException>(() => GoldenFile.AssertMatches(path, "pinned.json", "pinned ", update: false));
        Assert.Equal("pinned", System.IO.File.ReadAllText(path));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

using Cargo.Doctor.Cli.Commands;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>`--version` alone skips building the commands; every other argument list is parsed as before.</summary>
[Trait("Category", "Unit")]
public sealed class VersionShortcutTests
{
    [Fact]
    public void version_alone_is_answered_with_the_tool_version() =>
        Assert.Equal(ToolVersion.Current, VersionShortcut.Answer(["--version"]));

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("--version", "--help")]
    [InlineData("check", "--version")]
    [InlineData("--Version")]
    public void anything_else_is_left_to_the_parser(params string[] args) =>
        Assert.Null(VersionShortcut.Answer(args));
}

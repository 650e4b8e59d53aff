namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// Pins an output byte for byte to a file in the repository. After an intended change of the output,
/// run the test once with CARGO_DOCTOR_UPDATE_GOLDEN=1 to rewrite the file, review its diff, and run it
/// again without: in update mode the test writes the file and then fails, so a run with update on never
/// passes (it would otherwise compare the output with itself and pin whatever the code produced).
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "CARGO_DOCTOR_UPDATE_GOLDEN";

    public static void AssertMatches(string pathInRepository, string actual) => AssertMatches(
        Path.Combine(Reports.SampleFactsTests.RepositoryRoot(), pathInRepository),
        pathInRepository,
        actual,
        update: Environment.GetEnvironmentVariable(UpdateVariable) == "1");

    internal static void AssertMatches(string path, string shownAs, string actual, bool update)
    {
        if (update)
        {
            var before = File.Exists(path) ? File.ReadAllText(path) : null;
            File.WriteAllText(path, actual);
            Assert.Fail(before == actual
                ? $"{shownAs} is unchanged; {UpdateVariable}=1 is set, so this run cannot pass: run again without it"
                : $"{shownAs} was rewritten ({UpdateVariable}=1): review its diff, then run again without {UpdateVariable}");
        }

        Assert.True(File.Exists(path), $"{shownAs} is missing: run once with {UpdateVariable}=1 to write it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}

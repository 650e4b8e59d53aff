namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// Pins an output byte for byte to a file in the repository. After an intended change of the output,
/// run the test once with CARGO_DOCTOR_UPDATE_GOLDEN=1 to rewrite the file, and review its diff.
/// </summary>
public static class GoldenFile
{
    public static void AssertMatches(string pathInRepository, string actual)
    {
        var path = Path.Combine(Reports.SampleFactsTests.RepositoryRoot(), pathInRepository);
        if (Environment.GetEnvironmentVariable("CARGO_DOCTOR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{pathInRepository} is missing: run once with CARGO_DOCTOR_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}

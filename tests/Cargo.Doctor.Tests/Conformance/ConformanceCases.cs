using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Conformance;

/// <summary>
/// Finds every case in <c>../shared/conformance/</c> beside the repository (CI lays shared/ there too).
/// Whatever is in the folder runs: new cases are picked up without a change here. A missing folder
/// fails the run; a case is never skipped.
/// </summary>
public static class ConformanceCases
{
    public static string Folder()
    {
        var folder = Path.GetFullPath(Path.Combine(SampleFactsTests.RepositoryRoot(), "..", "shared", "conformance"));
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"{folder} is missing: the conformance cases must run (shared/ lies beside the repository)");
    }

    public static IReadOnlyList<ConformanceCase> Warehouse() =>
        Directory.GetFiles(Path.Combine(Folder(), "warehouse"), "*.yaml").Order(StringComparer.Ordinal).Select(ConformanceCase.Load).ToList();

    public static IReadOnlyList<ConformanceCase> Aws() =>
        Directory.GetDirectories(Path.Combine(Folder(), "aws")).Order(StringComparer.Ordinal)
            .Select(d => ConformanceCase.Load(Path.Combine(d, "case.yaml"))).ToList();

    public static TheoryData<string> WarehouseIds() => new(Warehouse().Select(c => c.Id));

    public static TheoryData<string> AwsIds() => new(Aws().Select(c => c.Id));
}

namespace Cargo.Doctor.Sources.Probes;

/// <summary>Compares the rows written with the rows read back, value by value, and says what differs.</summary>
public static class RowComparison
{
    public static IReadOnlyList<string> Differences(IReadOnlyList<IReadOnlyList<string?>> written, IReadOnlyList<IReadOnlyList<string?>> read)
    {
        var differences = new List<string>();
        if (written.Count != read.Count)
        {
            differences.Add($"wrote {written.Count} row(s), read back {read.Count}");
        }

        for (var i = 0; i < Math.Min(written.Count, read.Count); i++)
        {
            for (var c = 0; c < Math.Max(written[i].Count, read[i].Count); c++)
            {
                var (a, b) = (written[i].ElementAtOrDefault(c), read[i].ElementAtOrDefault(c));
                if (a != b)
                {
                    differences.Add($"row {i + 1}, column {c + 1}: wrote {Show(a)}, read back {Show(b)}");
                }
            }
        }

        return differences;
    }

    private static string Show(string? value) => value is null ? "NULL" : $"'{value}'";
}

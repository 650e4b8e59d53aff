using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Reports.Sarif;

/// <summary>
/// What a result is about, as a SARIF logical location: the IAM role's ARN for an iam.* check, else
/// the warehouse (cluster, workgroup or host) followed by the database, schema and table the item
/// names. Names come from the (possibly redacted) report, so a redacted run stays redacted.
/// </summary>
public static class SarifLogicalPlace
{
    public static IReadOnlyList<SarifLogicalLocation> Of(Report report, ReportEntry entry, ItemKey key)
    {
        var aws = report.Facts.Aws;
        if (entry.Check.Area == "iam" && (aws?.Role?.Arn ?? aws?.RequestedRoleArn) is { Length: > 0 } arn)
        {
            return [new SarifLogicalLocation(arn, arn, "object")];
        }

        var target = report.Facts.Target;
        var warehouse = aws?.Target?.Identifier ?? target.ClusterIdentifier ?? target.Workgroup ?? target.Host ?? "warehouse";
        var parts = key.Text.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1]);
        var path = new List<(string Name, string Kind)> { (warehouse, "module") };
        foreach (var (part, kind) in new[] { ("database", "namespace"), ("schema", "namespace"), ("table", "type") })
        {
            if (parts[part].FirstOrDefault() is { } value)
            {
                path.Add((Unescape(value), kind));
            }
            else
            {
                break;
            }
        }

        // '/' joins the parts; one inside a name is %-escaped so the path splits back.
        var qualified = string.Join('/', path.Select(p => p.Name.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)));
        return [new SarifLogicalLocation(path[^1].Name, qualified, path[^1].Kind)];
    }

    private static string Unescape(string value) => value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
}

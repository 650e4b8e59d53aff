namespace Cargo.Doctor.Files;

/// <summary>
/// Which facts properties hold a customer's names, by property name, so facts added later
/// (<c>clusterIdentifier</c>, <c>bucketName</c>, <c>grantee</c>, a record's <c>name</c> inside
/// <c>tables</c>) are redacted without touching this code. Kinds name the tokens.
/// </summary>
public static class NameKinds
{
    /// <summary>Values that are never names and must survive redaction unchanged.</summary>
    private static readonly HashSet<string> Protected = new(StringComparer.OrdinalIgnoreCase)
    {
        "toolVersion", "startedAt", "region", "bucketRegion", "kind", "failureKind", "sslMode", "privilege",
        "privileges", "granteeType", "source", "status", "serverVersion", "checkId", "action", "effect",
    };

    public static bool IsProtected(string? property) => property is not null && Protected.Contains(property);

    /// <summary>
    /// The kind of name a string under <paramref name="property"/> holds, or null when it is not a
    /// name. <paramref name="container"/> is the property holding the enclosing object or array, which
    /// decides what a plain <c>name</c> is.
    /// </summary>
    public static string? For(string? property, string? container)
    {
        if (property is null)
        {
            return container is null ? null : For(container, null);
        }

        var key = property.ToLowerInvariant();
        // aws.target.identifier: the cluster id or workgroup name, read from evidence or AWS when no flag named it.
        if (key == "identifier" && container?.ToLowerInvariant() == "target")
        {
            return "cluster";
        }

        if (key is "name" or "names" or "id" or "identifier")
        {
            return container is null ? null : For(container, null);
        }

        if (key.EndsWith("arn", StringComparison.Ordinal) || key.EndsWith("arns", StringComparison.Ordinal))
        {
            return null; // ARNs are rewritten piecewise by ArnPattern.
        }

        if (key == "similarnames")
        {
            return "schema";
        }

        // cargoIps, ipv4Cidrs, ipv6Cidrs: IPv6 has no shape pattern, so these are found by name.
        if (key == "cargoips" || key.EndsWith("cidrs", StringComparison.Ordinal))
        {
            return "ip";
        }

        var singular = key.EndsWith('s') && !key.EndsWith("ss", StringComparison.Ordinal) ? key[..^1] : key;
        return singular switch
        {
            _ when singular.EndsWith("host", StringComparison.Ordinal) || singular.EndsWith("hostname", StringComparison.Ordinal)
                || singular.EndsWith("endpoint", StringComparison.Ordinal) || singular.EndsWith("address", StringComparison.Ordinal) => "host",
            _ when singular.EndsWith("accountid", StringComparison.Ordinal) || singular == "account" => "account",
            _ when singular.EndsWith("database", StringComparison.Ordinal) || singular == "db" => "database",
            _ when singular.EndsWith("schema", StringComparison.Ordinal) => "schema",
            _ when singular.EndsWith("table", StringComparison.Ordinal) || singular == "view" => "table",
            _ when singular.EndsWith("user", StringComparison.Ordinal) || singular.EndsWith("owner", StringComparison.Ordinal)
                || singular.EndsWith("grantee", StringComparison.Ordinal) || singular.EndsWith("username", StringComparison.Ordinal) => "user",
            _ when singular.EndsWith("usergroup", StringComparison.Ordinal) => "group",
            _ when singular.EndsWith("role", StringComparison.Ordinal) || singular.EndsWith("rolename", StringComparison.Ordinal) || singular == "path" => "role",
            _ when singular.EndsWith("cluster", StringComparison.Ordinal) || singular.EndsWith("clusteridentifier", StringComparison.Ordinal) => "cluster",
            _ when singular.EndsWith("workgroup", StringComparison.Ordinal) || singular.EndsWith("workgroupname", StringComparison.Ordinal) => "workgroup",
            _ when singular.EndsWith("namespace", StringComparison.Ordinal) || singular.EndsWith("namespacename", StringComparison.Ordinal) => "namespace",
            _ when singular.EndsWith("bucket", StringComparison.Ordinal) || singular.EndsWith("bucketname", StringComparison.Ordinal) => "bucket",
            // Cargo's key prefix in the bucket (vendor.prefix, aws.cargoPrefix): it names the customer.
            _ when singular.EndsWith("prefix", StringComparison.Ordinal) => "prefix",
            // The bucket's KMS key as the encryption rule names it (a bare key id when not an ARN).
            _ when singular.EndsWith("kmskeyid", StringComparison.Ordinal) => "key",
            _ when singular.EndsWith("subnetgroupname", StringComparison.Ordinal) => "subnet_group",
            _ when singular.EndsWith("securitygroup", StringComparison.Ordinal) || singular.EndsWith("groupid", StringComparison.Ordinal) || singular == "groupname"
                || singular.EndsWith("vpcid", StringComparison.Ordinal) || singular.EndsWith("subnetid", StringComparison.Ordinal) => "resource",
            _ => null,
        };
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Cargo.Doctor.Network;

namespace Cargo.Doctor.Config;

/// <summary>
/// The one check of the merged configuration (file and flags, flags winning), run before any prompt,
/// connection or AWS call; nothing after it re-validates. It returns every problem at once, one line
/// each, naming the flag. Values from the config file were already checked where the file says them
/// (ConfigFileReader, with file, line and key) and a bad one was dropped there, so it is not repeated here.
/// </summary>
public static class DoctorConfigValidator
{
    public const int MinConnectTimeoutSeconds = 1;

    public const int MaxConnectTimeoutSeconds = 600;

    /// <summary>--history-days at most: more than the history views keep (older rows are simply not found).</summary>
    public const int MaxHistoryDays = 90;

    public const int MaxIdentifierBytes = 127;

    public static IReadOnlyList<string> Validate(DoctorConfig config)
    {
        var problems = new List<string>();
        var w = config.Warehouse;
        var a = config.Aws;
        var c = config.Cargo;

        foreach (var (flag, value) in Names(config))
        {
            if (value is null)
            {
                continue;
            }

            if (value.Any(char.IsControl))
            {
                problems.Add($"{flag} contains a control character");
            }
            else if (value.Trim().Length == 0)
            {
                problems.Add($"{flag} is empty");
            }
        }

        if (w.Host is { } host && !host.Any(char.IsControl) && !IsHost(host))
        {
            problems.Add($"host '{host}' is not a DNS name or IP address (write IPv6 in brackets in --endpoint: [::1]:5439/dev)");
        }

        if (w.Port is < 1 or > 65535)
        {
            problems.Add($"port {w.Port} is not from 1 to 65535");
        }

        // Npgsql treats a timeout of 0 as "wait forever": https://www.npgsql.org/doc/connection-string-parameters.html#timeouts-and-keepalive
        if (w.HistoryDays is < 0 or > MaxHistoryDays)
        {
            problems.Add($"--history-days {w.HistoryDays}: use 0 (off) to {MaxHistoryDays} days");
        }

        if (w.ConnectTimeoutSeconds is < MinConnectTimeoutSeconds or > MaxConnectTimeoutSeconds)
        {
            problems.Add($"--connect-timeout {w.ConnectTimeoutSeconds}: use {MinConnectTimeoutSeconds} to {MaxConnectTimeoutSeconds} seconds");
        }

        foreach (var (flag, name) in w.Databases.Select(d => ("--database", d)).Concat(w.Schemas.SelectMany(s => new[] { ("--schema", s.Database), ("--schema", s.Schema) })))
        {
            // Identifiers are 1 to 127 bytes (UTF-8): https://docs.aws.amazon.com/redshift/latest/dg/r_names.html
            if (Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes)
            {
                problems.Add($"{flag} '{Printable(name[..Math.Min(name.Length, 40)])}…' is longer than {MaxIdentifierBytes} bytes, the longest name Redshift allows");
            }
        }

        foreach (var (flag, name) in new[] { ("--user", w.User), ("--login-user", w.LoginUser), ("--function-role", w.FunctionRole) })
        {
            if (name is not null && !name.Any(char.IsControl) && DatabaseUserName.Problem(flag, name) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (a.ClusterIdentifier is { } cluster && !cluster.Any(char.IsControl) && cluster.Trim().Length > 0 && !AwsResourceName.IsClusterIdentifier(cluster))
        {
            problems.Add($"--cluster '{cluster}' {AwsResourceName.ClusterExpected}");
        }

        foreach (var (flag, name) in new[] { ("--workgroup", a.Workgroup), ("--namespace", a.Namespace) })
        {
            if (name is not null && !name.Any(char.IsControl) && name.Trim().Length > 0 && !AwsResourceName.IsServerlessName(name))
            {
                problems.Add($"{flag} '{name}' {AwsResourceName.ServerlessExpected}");
            }
        }

        if (c.Bucket is { } bucket && !bucket.Any(char.IsControl) && bucket.Trim().Length > 0 && !BucketName.IsValid(bucket))
        {
            problems.Add($"--bucket '{bucket.Trim()}' {BucketName.Expected}");
        }

        problems.AddRange(CargoIpRanges.Problems(c.Ips, c.AllowWideCidr));

        foreach (var (flag, arn) in new[] { ("--role-arn", a.RoleArn), ("--cargo-role-arn", c.RoleArn) })
        {
            if (arn is not null && !arn.Any(char.IsControl) && !RoleArn.IsValid(arn))
            {
                problems.Add(RoleArn.Problem(flag, arn));
            }
        }

        foreach (var (flag, region) in new[] { ("--region", a.Region), ("--bucket-region", c.BucketRegion) })
        {
            // Region codes: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
            if (region is { Length: > 0 } && !region.Any(char.IsControl) && !AwsRegion.IsValid(region))
            {
                problems.Add($"{flag} '{region}' {AwsRegion.Expected}");
            }
        }

        if (a.ClusterIdentifier is not null && a.Workgroup is not null)
        {
            problems.Add("pass either --cluster or --workgroup, not both");
        }

        if (a.EvidenceDir is { } dir && !dir.Any(char.IsControl) && !Directory.Exists(dir))
        {
            problems.Add($"--aws-evidence folder not found: {dir}");
        }
        else if (a.EvidenceDir is null && (a.ClusterIdentifier is not null || a.Workgroup is not null) && string.IsNullOrWhiteSpace(a.Region))
        {
            problems.Add("pass --region for the AWS checks (the region of the cluster or workgroup)");
        }

        if (w.Host is null && !a.IsConfigured)
        {
            problems.Add("nothing to check: pass --endpoint host:port/database (or --cluster/--workgroup), or use `cargo-doctor report --facts FILE`");
        }
        else if (w.Host is not null && w.AllDatabases.Count == 0)
        {
            problems.Add("no database: end --endpoint with /database or pass --database");
        }

        return problems;
    }

    private static IEnumerable<(string Flag, string? Value)> Names(DoctorConfig config)
    {
        var w = config.Warehouse;
        yield return ("--endpoint host", w.Host);
        foreach (var database in w.Databases)
        {
            yield return ("--database", database);
        }

        yield return ("--user", w.User);
        yield return ("--login-user", w.LoginUser);
        yield return ("--function-role", w.FunctionRole);
        yield return ("--region", config.Aws.Region);
        yield return ("--cluster", config.Aws.ClusterIdentifier);
        yield return ("--workgroup", config.Aws.Workgroup);
        yield return ("--namespace", config.Aws.Namespace);
        yield return ("--role-arn", config.Aws.RoleArn);
        yield return ("--profile", config.Aws.Profile);
        yield return ("--aws-evidence", config.Aws.EvidenceDir);
        yield return ("--cargo-role-arn", config.Cargo.RoleArn);
        yield return ("--bucket", config.Cargo.Bucket);
        yield return ("--bucket-region", config.Cargo.BucketRegion);
        if (config.Cargo.Prefix is { Length: > 0 } prefix)
        {
            yield return ("--prefix", prefix);
        }
    }

    /// <summary>A DNS name, an IPv4 address, or an IPv6 address (already without brackets).</summary>
    public static bool IsHost(string host) => HostName.IsValid(host) || IsIPv6(host);

    private static bool IsIPv6(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    private static string Printable(string text) => new(text.Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());
}

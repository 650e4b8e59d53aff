using System.Text.RegularExpressions;

namespace Cargo.Doctor.Redaction;

/// <summary>
/// Sensitive values recognised by their shape wherever they appear, even in free text such as an
/// error message: IPv4 addresses and CIDRs, 12-digit AWS account ids, AWS hostnames, ARNs and EC2 resource ids
/// (VPCs, subnets, route tables, ACLs, gateways, endpoints, network interfaces, prefix lists).
/// </summary>
public static partial class SensitivePatterns
{
    /// <summary>Addresses that say "anywhere" or "this machine", not where the customer is: kept as they are.</summary>
    private static readonly HashSet<string> WellKnownAddresses = ["0.0.0.0", "255.255.255.255"];

    public static IEnumerable<(string Kind, string Value)> Find(string text)
    {
        foreach (Match m in Arn().Matches(text))
        {
            if (m.Groups["account"].Success)
            {
                yield return ("account", m.Groups["account"].Value);
            }

            var resource = m.Groups["resource"].Value;
            var parts = resource.Split('/', ':').Where(p => p.Length > 0 && p != "*").ToList();
            var service = m.Groups["service"].Value;
            if (service == "s3" && parts.Count > 0)
            {
                yield return ("bucket", parts[0]);
            }
            else if (parts.Count > 1)
            {
                // dbuser:CLUSTER/USER, dbname:CLUSTER/DB, dbgroup:CLUSTER/GROUP
                // (https://docs.aws.amazon.com/redshift/latest/mgmt/redshift-iam-access-control-identity-based.html):
                // the cluster is a name too.
                if (service == "redshift" && parts[0] is "dbuser" or "dbname" or "dbgroup" && parts.Count > 2)
                {
                    yield return ("cluster", parts[1]);
                }

                yield return (ArnKind(parts[0]), parts[^1]);
            }
        }

        // s3://bucket/prefix/cargo-doctor/<run>/...: the bucket and the prefix the user typed; the tool's own folder stays.
        foreach (Match m in S3Url().Matches(text))
        {
            yield return ("bucket", m.Groups["bucket"].Value);
            var key = m.Groups["key"].Value;
            var own = key.IndexOf("cargo-doctor/", StringComparison.Ordinal);
            var prefix = (own < 0 ? key : key[..own]).Trim('/');
            if (prefix.Length > 0)
            {
                yield return ("prefix", prefix);
            }
        }

        foreach (Match m in AccountId().Matches(text))
        {
            yield return ("account", m.Value);
        }

        foreach (Match m in Ipv4().Matches(text))
        {
            if (!WellKnownAddresses.Contains(m.Value))
            {
                yield return ("ip", m.Value);
            }
        }

        // IPv6 has no simple shape: candidates with two or more ':' that parse as IPv6 ("12:30:45" does not).
        foreach (Match m in Ipv6Candidate().Matches(text))
        {
            if (m.Value.Count(c => c == ':') >= 2 && !IsWellKnown(m.Value)
                && System.Net.IPAddress.TryParse(m.Value, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                yield return ("ip", m.Value);
            }
        }

        foreach (Match m in Ec2ResourceId().Matches(text))
        {
            yield return (Ec2Kind(m.Groups["prefix"].Value), m.Value);
        }

        // Service names such as redshift.amazonaws.com say nothing about the customer and rules need them.
        foreach (Match m in AwsHostname().Matches(text))
        {
            if (m.Value.Count(c => c == '.') >= 4)
            {
                yield return ("host", m.Value);
            }
        }
    }

    public static bool IsIpAddress(string text) =>
        (Ipv4().Match(text) is { Success: true } m && m.Length == text.Length)
        || (text.Contains(':') && System.Net.IPAddress.TryParse(text, out _));

    /// <summary>True for addresses kept as they are ("anywhere", "this machine").</summary>
    public static bool IsWellKnown(string address) => WellKnownAddresses.Contains(address) || address == "::";

    private static string ArnKind(string resourceType) => resourceType switch
    {
        "role" or "user" or "cluster" or "workgroup" or "namespace" => resourceType,
        "dbuser" or "dbname" => resourceType == "dbuser" ? "user" : "database",
        _ => "resource",
    };

    /// <summary>
    /// The kind of an EC2 resource id by its prefix (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html and the
    /// other resource pages: vpc-, subnet-, rtb-, acl-, igw-, nat-, vpce-, eni-, pl-, pcx-, tgw-, vgw-, sg-, ...).
    /// </summary>
    private static string Ec2Kind(string prefix) => prefix switch
    {
        "vpc" => "vpc",
        "subnet" => "subnet",
        "rtb" or "rtbassoc" => "route_table",
        "acl" or "aclassoc" => "network_acl",
        "igw" or "eigw" => "internet_gateway",
        "nat" => "nat_gateway",
        "vpce" => "vpc_endpoint",
        "eni" => "network_interface",
        "pl" => "prefix_list",
        "pcx" => "peering",
        "tgw" => "transit_gateway",
        "vgw" or "cgw" => "vpn_gateway",
        "sg" => "security_group",
        _ => "resource",
    };

    // An id is prefix-hex (8 or 17 digits); shorter made-up ids count when they hold a digit, so that words such as
    // "vpc-id" (a filter name) or "nat-gateway" stay. Not after a letter, digit or '-': "--vpc-endpoint-id" is a flag.
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<prefix>vpce|vpc|subnet|rtbassoc|rtb|aclassoc|acl|eigw|igw|nat|eni|pl|pcx|tgw|vgw|cgw|sg|eipalloc|eipassoc)-(?:[0-9a-f]{17}|[0-9a-f]{8}|(?=[a-z0-9]*[0-9])[a-z0-9]+)(?![A-Za-z0-9_-])")]
    private static partial Regex Ec2ResourceId();

    [GeneratedRegex(@"arn:aws[a-z-]*:(?<service>[a-z0-9-]+):[a-z0-9-]*:(?<account>\d{12})?:(?<resource>[A-Za-z0-9_+=,.@/:*-]+)")]
    private static partial Regex Arn();

    [GeneratedRegex(@"s3://(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(?<key>[^\s'""]*))?")]
    private static partial Regex S3Url();

    [GeneratedRegex(@"(?<![0-9])[0-9]{12}(?![0-9])")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?![0-9.])")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)(?:[0-9]{1,3}\.){3}[0-9]{1,3})?(?![0-9A-Za-z:])")]
    private static partial Regex Ipv6Candidate();

    [GeneratedRegex(@"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)+amazonaws\.com(?:\.cn)?(?![A-Za-z0-9-])", RegexOptions.IgnoreCase)]
    private static partial Regex AwsHostname();
}

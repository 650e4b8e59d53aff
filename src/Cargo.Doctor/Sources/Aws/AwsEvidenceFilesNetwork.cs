namespace Cargo.Doctor.Sources.Aws;

/// <summary>The evidence files of the VPC reads (net.route, net.nacl, net.data-path); see samples/aws-evidence/README.md.</summary>
public static class AwsEvidenceNetworkFiles
{
    public const string DescribeClusterSubnetGroups = "describe-cluster-subnet-groups.json";
    public const string DescribeSubnets = "describe-subnets.json";
    public const string DescribeRouteTables = "describe-route-tables.json";
    public const string DescribeNetworkAcls = "describe-network-acls.json";
    public const string DescribeInternetGateways = "describe-internet-gateways.json";
    public const string DescribeVpcEndpoints = "describe-vpc-endpoints.json";
    public const string DescribeNatGateways = "describe-nat-gateways.json";
    public const string DescribeNetworkInterfaces = "describe-network-interfaces.json";

    /// <summary><c>get-managed-prefix-list-entries.&lt;pl-id&gt;.json</c>.</summary>
    public static string GetManagedPrefixListEntries(string prefixListId) =>
        $"get-managed-prefix-list-entries.{string.Concat(prefixListId.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'))}.json";
}

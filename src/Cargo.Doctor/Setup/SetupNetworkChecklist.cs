using System.Globalization;
using System.Text;
using Cargo.Doctor.AwsApi.Partitions;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Setup;

/// <summary>
/// setup.md's network section: what lies between Cargo and the warehouse, and between the warehouse and Cargo's bucket,
/// to verify rather than create. Routes, network ACLs and VPC endpoints are shared by everything in the customer's VPC,
/// so <c>setup-aws.sh</c> changes none of them; each item names the page that states the rule and the check that
/// verifies it, with the customer's own names where the options give them.
/// </summary>
public static class SetupNetworkChecklist
{
    public const string Heading = "## 4. The network path: verify, nothing to create";

    private const string ClustersInVpc = "https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html";
    private const string RoutePriority = "https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html";
    private const string ServerlessConnecting = "https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html";
    private const string NaclRules = "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html";
    private const string EphemeralPorts = "https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html#nacl-ephemeral-ports";
    private const string SecurityGroups = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html";
    private const string EnhancedVpcRouting = "https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html";
    private const string S3GatewayEndpoints = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html";

    public static void Write(StringBuilder md, DoctorConfig config)
    {
        var aws = config.Aws;
        var warehouse = aws.ClusterIdentifier is { } cluster ? $"cluster {Code(cluster)}"
            : aws.Workgroup is { } workgroup ? $"workgroup {Code(workgroup)}"
            : "the warehouse";
        var subnets = aws.ClusterIdentifier is not null ? "the subnet of the cluster's subnet group that holds the leader node (and of the group's other subnets, where a failover can move it)"
            : aws.Workgroup is not null ? "each subnet of the workgroup"
            : "each subnet the warehouse uses";
        var ips = config.Cargo.Ips.Count == 0 ? "Cargo's IPs (pass `--cargo-ip` to get them here)" : "Cargo's IPs " + string.Join(", ", config.Cargo.Ips.Select(Code));
        var port = config.Warehouse.Port.ToString(CultureInfo.InvariantCulture);
        var region = aws.Region is { } r ? Code(r) : "the warehouse's region";

        md.AppendLine(Heading).AppendLine();
        md.AppendLine("`setup-aws.sh` creates no network resources: routes, network ACLs and VPC endpoints serve everything in your VPC. " +
            $"Verify each item for {warehouse} in {region}; `cargo-doctor check` with `--cluster` or `--workgroup` and `--cargo-ip` verifies them, the check id is named in each item.").AppendLine();

        Item(md, $"Route to an internet gateway: the route table of {subnets} sends {ips} to an internet gateway of the VPC (the most specific route that holds the IP decides; " +
            "a route to a NAT gateway, a peering connection or a black hole does not bring the replies back).", "net.route", ClustersInVpc, RoutePriority);
        Item(md, aws.Workgroup is not null
                ? $"Public IP: {warehouse} is publicly accessible, which gives it an Elastic IP address."
                : $"Public IP: the nodes of {warehouse} have public IPs, or it has an Elastic IP.",
            "net.route", aws.Workgroup is not null ? ServerlessConnecting : ClustersInVpc);
        Item(md, $"Network ACL, inbound: the network ACL of {subnets} allows TCP port {port} from {ips}, numbered before any deny that matches (the first matching rule decides).",
            "net.nacl", NaclRules);
        Item(md, $"Network ACL, outbound: the same ACL allows TCP ports 1024-65535 to {ips}: ACLs are stateless, the replies need their own rule.",
            "net.nacl", EphemeralPorts);
        Item(md, $"Security group: a security group of {warehouse} lets {ips} in on TCP port {port} (the step in section 3).", "net.ingress", SecurityGroups);

        var bucket = config.Cargo.Bucket is { } b ? $"Cargo's bucket {Code(b)}" : "Cargo's bucket (pass `--bucket` to get its name here)";
        // The partition of the region: arn:aws-cn: in China, arn:aws-us-gov: in GovCloud (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
        var partition = AwsPartition.ForRegion(config.Cargo.BucketRegion ?? aws.Region ?? "us-east-1").Name;
        var objects = config.Cargo.Bucket is { } name
            ? $"{Code($"arn:{partition}:s3:::{name}")} and {Code($"arn:{partition}:s3:::{name}/{(string.IsNullOrEmpty(config.Cargo.Prefix) ? "" : config.Cargo.Prefix.Trim('/') + "/")}*")}"
            : "the bucket and its objects";
        var bucketRegion = config.Cargo.BucketRegion is { } br ? Code(br) : $"{region} (taken to be the warehouse's; pass `--bucket-region` if not)";
        Item(md, $"With enhanced VPC routing on {warehouse}: COPY and UNLOAD reach {bucket}, in {bucketRegion}, through your VPC. Either an S3 gateway endpoint " +
            $"(`com.amazonaws.<bucket region>.s3`, serving its own region only) on the subnets' route table whose policy allows s3:GetObject, s3:PutObject, s3:ListBucket " +
            $"and s3:GetBucketLocation on {objects}, or a route to a NAT gateway or an internet gateway. Off: nothing to verify.",
            "net.data-path", EnhancedVpcRouting, S3GatewayEndpoints);
    }

    private static string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    private static void Item(StringBuilder md, string text, string checkId, params string[] pages)
    {
        md.AppendLine($"- [ ] {text}").AppendLine();
        md.AppendLine($"  Verified by `{checkId}`; see {string.Join(", ", pages)}").AppendLine();
    }
}

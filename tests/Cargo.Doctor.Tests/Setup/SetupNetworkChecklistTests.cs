using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Setup;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// setup.md lists the network path to verify (issue 23): route to an internet gateway, public IP, ACL inbound and
/// outbound ephemeral ports, security group, and with enhanced VPC routing the S3 path, each with its page and the
/// check that verifies it, in the customer's names; setup-aws.sh creates no network resource.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SetupNetworkChecklistTests
{
    private static readonly CheckCatalog Catalog = CatalogLoader.LoadDefault();

    private static DoctorConfig Config(AwsConfig aws) => new()
    {
        Warehouse = new WarehouseConfig { Databases = ["dev"], User = "cargo_user", Port = 5440 },
        Aws = aws,
        Cargo = new CargoConfig { Ips = ["3.248.0.10/32", "2001:db8::/64"], Bucket = "cargo-exchange", Prefix = "customers/acme/", BucketRegion = "us-east-1" },
    };

    [Fact]
    public void provisioned_checklist_lists_each_part_of_the_path_with_its_page_check_and_names()
    {
        var md = SetupChecklistWriter.Write(new SetupRequest(Config(new AwsConfig { Region = "eu-west-1", ClusterIdentifier = "cargo-cluster" }), "r"), Catalog);
        var section = md[md.IndexOf(SetupNetworkChecklist.Heading, StringComparison.Ordinal)..];
        var items = section.Split("- [ ] ")[1..];

        Assert.Contains("`setup-aws.sh` creates no network resources", section, StringComparison.Ordinal);
        Assert.Equal(6, items.Length);
        AssertItem(items[0], "Route to an internet gateway", "net.route", "https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html");
        Assert.Contains("the cluster's subnet group that holds the leader node", items[0], StringComparison.Ordinal);
        AssertItem(items[1], "Public IP: the nodes of cluster `cargo-cluster` have public IPs, or it has an Elastic IP", "net.route", "https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html");
        AssertItem(items[2], "allows TCP port 5440 from Cargo's IPs `3.248.0.10/32`, `2001:db8::/64`", "net.nacl", "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html");
        AssertItem(items[3], "TCP ports 1024-65535 to Cargo's IPs `3.248.0.10/32`", "net.nacl", "https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html#nacl-ephemeral-ports");
        AssertItem(items[4], "lets Cargo's IPs `3.248.0.10/32`, `2001:db8::/64` in on TCP port 5440", "net.ingress", "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html");
        AssertItem(items[5], "`arn:aws:s3:::cargo-exchange` and `arn:aws:s3:::cargo-exchange/customers/acme/*`", "net.data-path", "https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html");
        Assert.Contains("Cargo's bucket `cargo-exchange`, in `us-east-1`", items[5], StringComparison.Ordinal);
        Assert.Contains("https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html", items[5], StringComparison.Ordinal);
    }

    [Fact]
    public void serverless_checklist_names_the_workgroup_and_its_elastic_ip()
    {
        var md = SetupChecklistWriter.Write(new SetupRequest(Config(new AwsConfig { Region = "eu-west-1", Workgroup = "cargo-wg" }), "r"), Catalog);

        Assert.Contains("- [ ] Public IP: workgroup `cargo-wg` is publicly accessible, which gives it an Elastic IP address.", md, StringComparison.Ordinal);
        Assert.Contains("https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html", md, StringComparison.Ordinal);
        Assert.Contains("the route table of each subnet of the workgroup", md, StringComparison.Ordinal);
    }

    [Fact]
    public void setup_aws_script_creates_no_network_resource()
    {
        var script = SetupAwsScriptWriter.Write(new SetupRequest(Config(new AwsConfig { Region = "eu-west-1", ClusterIdentifier = "cargo-cluster" }), "r"), Catalog);

        foreach (var command in new[] { "create-route", "replace-route", "create-network-acl", "replace-network-acl", "create-vpc-endpoint", "modify-vpc-endpoint", "create-nat-gateway", "create-internet-gateway", "allocate-address" })
        {
            Assert.DoesNotContain(command, script, StringComparison.Ordinal);
        }
    }

    private static void AssertItem(string item, string text, string checkId, string page)
    {
        Assert.Contains(text, item, StringComparison.Ordinal);
        Assert.Contains($"Verified by `{checkId}`", item, StringComparison.Ordinal);
        Assert.Contains(page, item, StringComparison.Ordinal);
    }
}

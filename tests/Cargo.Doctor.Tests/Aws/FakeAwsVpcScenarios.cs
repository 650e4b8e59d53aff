using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>Stateful account setups for the network path (net.route, net.nacl): a fix run against them changes them.</summary>
public static class FakeAwsVpcScenarios
{
    /// <summary>
    /// A publicly accessible cluster with everything right: the customer role attached and allowed to assume Cargo's
    /// role, port 5439 open to Cargo's IP, and a VPC as <see cref="FakeAwsAccount.AddPublicVpc(FakeCluster)"/> builds it.
    /// </summary>
    public static (FakeAwsAccount Account, FakeCluster Cluster, FakeVpc Vpc) PublicClusterInVpc(this FakeAwsEndpoint fake)
    {
        var account = new FakeAwsAccount(fake);
        var cluster = account.Clusters[ClusterId] = new FakeCluster(ClusterId) { PubliclyAccessible = true };
        cluster.SecurityGroupIds.Add(SecurityGroupId);
        cluster.IamRoles.Add(CustomerRoleArn);
        account.SecurityGroups[SecurityGroupId] = [new FakeIngressRule("tcp", 5439, 5439, CargoIpCidr)];
        var role = account.Roles[CustomerRoleName] = new FakeRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy());
        role.InlinePolicies["cargo-assume"] = AssumeCargoRolePolicy;
        var vpc = account.AddPublicVpc(cluster);
        return (account, cluster, vpc);
    }

    /// <summary>
    /// A publicly accessible Serverless workgroup with everything right: the customer role attached (as the namespace's
    /// default) and allowed to assume Cargo's role, port 5439 open to Cargo's IP, and a VPC as
    /// <see cref="FakeAwsAccount.AddPublicVpc(FakeWorkgroup)"/> builds it.
    /// </summary>
    public static (FakeAwsAccount Account, FakeWorkgroup Workgroup, FakeVpc Vpc) PublicWorkgroupInVpc(this FakeAwsEndpoint fake)
    {
        var account = new FakeAwsAccount(fake);
        var workgroup = account.Workgroups[WorkgroupName] = new FakeWorkgroup(WorkgroupName, NamespaceName) { PubliclyAccessible = true };
        workgroup.SecurityGroupIds.Add(SecurityGroupId);
        account.SecurityGroups[SecurityGroupId] = [new FakeIngressRule("tcp", 5439, 5439, CargoIpCidr)];
        var role = account.Roles[CustomerRoleName] = new FakeRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy());
        role.InlinePolicies["cargo-assume"] = AssumeCargoRolePolicy;
        var ns = account.Namespaces[NamespaceName] = new FakeNamespace(NamespaceName) { DefaultIamRoleArn = CustomerRoleArn };
        ns.IamRoles.Add(CustomerRoleArn);
        var vpc = account.AddPublicVpc(workgroup);
        return (account, workgroup, vpc);
    }

    /// <summary>The main table's default route goes to a NAT gateway instead of the internet gateway.</summary>
    public static FakeVpc DefaultRouteToNat(this FakeVpc vpc)
    {
        vpc.NatGateways.Add(new FakeNatGateway("nat-0egress", "subnet-0b"));
        var main = vpc.RouteTables.Single(t => t.IsMain);
        main.Routes.RemoveAll(r => r.Destination == "0.0.0.0/0");
        main.Routes.Add(new FakeRoute("0.0.0.0/0", "nat-0egress"));
        return vpc;
    }

    /// <summary>
    /// A NAT gateway in its own subnet subnet-0nat (10.0.100.0/24, not in the subnet group), which uses the main table and
    /// so routes 0.0.0.0/0 to the internet gateway: a public subnet (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html).
    /// </summary>
    public static FakeVpc NatGatewayInPublicSubnet(this FakeVpc vpc, string connectivityType = "public")
    {
        vpc.SubnetCidrs["subnet-0nat"] = "10.0.100.0/24";
        vpc.NatGateways.Add(new FakeNatGateway("nat-0public", "subnet-0nat", ConnectivityType: connectivityType));
        return vpc;
    }

    /// <summary>Private-only subnets: the warehouse's subnet has its own table with the local route only.</summary>
    public static FakeVpc PrivateOnlySubnet(this FakeVpc vpc)
    {
        var table = new FakeRouteTable("rtb-0private", isMain: false);
        table.Routes.Add(new FakeRoute("10.0.0.0/16", "local", Origin: "CreateRouteTable"));
        table.SubnetIds.Add("subnet-0a");
        vpc.RouteTables.Add(table);
        return vpc;
    }

    /// <summary>subnet-0a gets its own ACL: inbound rule 50 denies 3.248.0.0/16 on 5439 before rule 100 allows all.</summary>
    public static FakeNetworkAcl AclDenyBeforeAllow(this FakeVpc vpc) => vpc.CustomAcl(
        new FakeAclEntry(50, false, "6", "deny", "3.248.0.0/16", 5439, 5439),
        new FakeAclEntry(100, false, "-1", "allow", "0.0.0.0/0"),
        new FakeAclEntry(100, true, "-1", "allow", "0.0.0.0/0"));

    /// <summary>subnet-0a gets its own ACL: inbound 5439 allowed, outbound only HTTPS (no ephemeral ports for the replies).</summary>
    public static FakeNetworkAcl AclWithoutEphemeralOutbound(this FakeVpc vpc) => vpc.CustomAcl(
        new FakeAclEntry(100, false, "6", "allow", "0.0.0.0/0", 5439, 5439),
        new FakeAclEntry(100, true, "6", "allow", "0.0.0.0/0", 443, 443));

    /// <summary>
    /// A custom ACL associated with subnet-0a (moved off the default ACL, as ReplaceNetworkAclAssociation does), with
    /// <paramref name="entries"/> before the final deny both ways: a custom ACL denies what its entries do not allow
    /// (https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html).
    /// </summary>
    public static FakeNetworkAcl CustomAcl(this FakeVpc vpc, params FakeAclEntry[] entries)
    {
        var acl = new FakeNetworkAcl("acl-0custom", isDefault: false);
        acl.SubnetIds.Add("subnet-0a");
        acl.Entries.AddRange(entries);
        acl.Entries.AddRange([new FakeAclEntry(32767, false, "-1", "deny", "0.0.0.0/0"), new FakeAclEntry(32767, true, "-1", "deny", "0.0.0.0/0")]);
        vpc.NetworkAcls.Single(a => a.IsDefault).SubnetIds.Remove("subnet-0a");
        vpc.NetworkAcls.Add(acl);
        return acl;
    }

    /// <summary>
    /// An S3 gateway endpoint (com.amazonaws.eu-west-1.s3) on the main route table, with <paramref name="policy"/>
    /// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html).
    /// </summary>
    public static FakeVpc S3GatewayEndpoint(this FakeVpc vpc, string policy, string region = "eu-west-1")
    {
        var endpoint = new FakeVpcEndpoint("vpce-0s3gw", $"com.amazonaws.{region}.s3", "Gateway") { Policy = policy };
        endpoint.RouteTableIds.Add(vpc.RouteTables.Single(t => t.IsMain).Id);
        vpc.Endpoints.Add(endpoint);
        return vpc;
    }

    /// <summary>An S3 interface endpoint with the default full-access policy, private DNS off.</summary>
    public static FakeVpcEndpoint S3InterfaceEndpoint(string region = "eu-west-1") =>
        new("vpce-0s3if", $"com.amazonaws.{region}.s3", "Interface") { Policy = BucketPolicyFor("*") };

    /// <summary>
    /// An S3 interface endpoint with <paramref name="policy"/> and private DNS on; <paramref name="inboundOnly"/> is its
    /// DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint (null: not reported)
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns).
    /// </summary>
    public static FakeVpcEndpoint S3InterfaceEndpointWithPrivateDns(string policy, bool? inboundOnly) =>
        new("vpce-0s3if", "com.amazonaws.eu-west-1.s3", "Interface") { Policy = policy, PrivateDnsEnabled = true, PrivateDnsOnlyForInboundResolverEndpoint = inboundOnly };

    /// <summary>An endpoint policy allowing the four actions COPY/UNLOAD need on <paramref name="bucket"/> only, and a statement for another use.</summary>
    public static string BucketPolicyFor(string bucket) => $$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::company-logs/*"},{"Sid":"Data","Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject","s3:ListBucket","s3:GetBucketLocation"],"Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}]}
        """;
}

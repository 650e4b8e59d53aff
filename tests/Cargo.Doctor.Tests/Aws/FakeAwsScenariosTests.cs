using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Aws;

[Trait("Category", "Aws")]
public sealed class FakeAwsScenariosTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly AwsClients clients;

    public FakeAwsScenariosTests() => clients = fake.CreateClients();

    public void Dispose()
    {
        clients.Dispose();
        fake.Dispose();
    }

    [Fact]
    public async Task all_good_provisioned_reads_end_to_end()
    {
        fake.AllGoodProvisioned();
        var ct = TestContext.Current.CancellationToken;

        var cluster = Assert.Single(await clients.Redshift.DescribeClustersAsync(ClusterId, ct));
        var role = await clients.Iam.GetRoleAsync(FakeAwsResponses.CustomerRoleName, ct);
        var policy = Assert.Single(await clients.Iam.ListAttachedRolePoliciesAsync(role.RoleName, ct));
        var version = await clients.Iam.GetPolicyVersionAsync(policy.PolicyArn, (await clients.Iam.GetPolicyAsync(policy.PolicyArn, ct)).DefaultVersionId!, ct);
        var simulation = await clients.Iam.SimulatePrincipalPolicyAsync(role.Arn, ["sts:AssumeRole"], [FakeAwsResponses.CargoRoleArn], ct);
        var group = Assert.Single(await clients.Ec2.DescribeSecurityGroupsAsync(cluster.VpcSecurityGroupIds, ct));

        Assert.Contains(new RedshiftIamRole(role.Arn, "in-sync"), cluster.IamRoles);
        Assert.Contains("redshift-serverless.amazonaws.com", role.AssumeRolePolicyDocument);
        Assert.Contains(FakeAwsResponses.CargoRoleArn, version.Document);
        Assert.Equal("allowed", Assert.Single(simulation).Decision);
        Assert.Contains(CargoIpCidr, group.InboundPermissions[0].Ipv4Cidrs);
        Assert.Empty(fake.SigningProblems);
    }

    [Fact]
    public async Task all_good_serverless_links_workgroup_to_namespace()
    {
        fake.AllGoodServerless();
        var ct = TestContext.Current.CancellationToken;

        var workgroup = await clients.RedshiftServerless.GetWorkgroupAsync(WorkgroupName, ct);
        var ns = await clients.RedshiftServerless.GetNamespaceAsync(workgroup.NamespaceName!, ct);

        Assert.Equal(NamespaceName, ns.NamespaceName);
        Assert.Contains(new RedshiftIamRole(FakeAwsResponses.CustomerRoleArn, "in-sync"), ns.IamRoles);
    }

    [Fact]
    public async Task role_not_attached_shows_no_cluster_or_namespace_roles()
    {
        fake.RoleNotAttachedProvisioned().RoleNotAttachedServerless();
        var ct = TestContext.Current.CancellationToken;

        Assert.Empty(Assert.Single(await clients.Redshift.DescribeClustersAsync(ClusterId, ct)).IamRoles);
        Assert.Empty((await clients.RedshiftServerless.GetNamespaceAsync(NamespaceName, ct)).IamRoles);
    }

    [Fact]
    public async Task no_iam_read_access_is_access_denied_naming_the_action()
    {
        fake.NoIamReadAccess();

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Iam.ListAttachedRolePoliciesAsync(FakeAwsResponses.CustomerRoleName, TestContext.Current.CancellationToken));

        Assert.True(error.IsAccessDenied);
        Assert.Equal("iam:ListAttachedRolePolicies", error.IamAction);
    }
}

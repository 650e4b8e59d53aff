using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Checks.Iam;

/// <summary>iam.role-attached against the loopback fake AWS: the role attached to the cluster or namespace, or not (yet).</summary>
[Trait("Category", "Aws")]
public sealed class RoleAttachedScenarioTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task role_not_attached_to_cluster_fails_with_modify_cluster_iam_roles()
    {
        var attached = (await fake.RoleNotAttachedProvisioned().CheckAsync(AwsScenario.Provisioned()))[RoleAttachedRule.Id];

        Assert.Equal(CheckStatus.Fail, attached.Status);
        Assert.Equal($"role {CustomerRoleArn} is not attached to cluster cargo-cluster", attached.Summary);
        Assert.Equal(
            $"aws redshift modify-cluster-iam-roles --cluster-identifier 'cargo-cluster' --add-iam-roles '{CustomerRoleArn}' --region 'eu-west-1'",
            attached.Sh());
    }

    [Fact]
    public async Task role_not_attached_to_namespace_keeps_existing_roles_in_update_namespace()
    {
        const string existing = "arn:aws:iam::123456789012:role/analytics";
        fake.AllGoodServerless().Respond("GetNamespace", GetNamespace(NamespaceName, [SerializedIamRole(existing)]));

        var attached = (await fake.CheckAsync(AwsScenario.Serverless()))[RoleAttachedRule.Id];

        Assert.Equal(CheckStatus.Fail, attached.Status);
        Assert.Equal(
            $"aws redshift-serverless update-namespace --namespace-name 'cargo-ns' --iam-roles '{existing}' '{CustomerRoleArn}' --region 'eu-west-1'",
            attached.Sh());
    }

    [Fact]
    public async Task role_still_adding_is_a_warning()
    {
        fake.AllGoodProvisioned().Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], iamRoles: [(CustomerRoleArn, "adding")])));

        var attached = (await fake.CheckAsync(AwsScenario.Provisioned()))[RoleAttachedRule.Id];

        Assert.Equal(CheckStatus.Warn, attached.Status);
        Assert.Contains("(adding)", attached.Summary);
    }
}

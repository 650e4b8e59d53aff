using System.Text.Json.Nodes;
using Cargo.Doctor.Facts;
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
    private const string Analytics = "arn:aws:iam::123456789012:role/analytics";
    private const string Etl = "arn:aws:iam::123456789012:role/etl";

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
    public async Task role_not_attached_to_namespace_keeps_existing_roles_and_the_default_role_in_update_namespace()
    {
        fake.AllGoodServerless().Respond("GetNamespace", GetNamespace(NamespaceName, [SerializedIamRole(Analytics), SerializedIamRole(Etl)], defaultIamRoleArn: Etl));

        var attached = (await fake.CheckAsync(AwsScenario.Serverless()))[RoleAttachedRule.Id];

        Assert.Equal(CheckStatus.Fail, attached.Status);
        Assert.Equal(
            $"aws redshift-serverless update-namespace --namespace-name 'cargo-ns' --iam-roles '{Analytics}' '{Etl}' '{CustomerRoleArn}' --default-iam-role-arn '{Etl}' --region 'eu-west-1'",
            LastLine(attached.Sh()));
        Assert.Contains($"default role: {Etl}", attached.Details);
    }

    [Fact]
    public async Task namespace_without_a_default_role_gets_the_customer_role_as_default()
    {
        fake.AllGoodServerless().Respond("GetNamespace", GetNamespace(NamespaceName, [SerializedIamRole(Analytics)], defaultIamRoleArn: ""));

        var attached = (await fake.CheckAsync(AwsScenario.Serverless()))[RoleAttachedRule.Id];

        Assert.Equal(CheckStatus.Fail, attached.Status);
        Assert.Equal(
            $"aws redshift-serverless update-namespace --namespace-name 'cargo-ns' --iam-roles '{Analytics}' '{CustomerRoleArn}' --default-iam-role-arn '{CustomerRoleArn}' --region 'eu-west-1'",
            LastLine(attached.Sh()));
        Assert.Contains("default role: none", attached.Details);
    }

    [Fact]
    public async Task facts_file_without_the_default_role_says_so_and_does_not_guess_silently()
    {
        fake.AllGoodServerless().Respond("GetNamespace", GetNamespace(NamespaceName, [SerializedIamRole(Analytics)], defaultIamRoleArn: Etl));
        var saved = (await fake.CheckAsync(AwsScenario.Serverless())).Facts;
        // A facts file written before the default role was kept: the same file without that member.
        var file = JsonNode.Parse(FactsJson.Serialize(saved))!;
        Assert.True(file["aws"]!.AsObject().Remove("namespaceDefaultIamRoleArn"));

        var attached = AwsScenario.Run(FactsJson.Deserialize(file.ToJsonString()))
            .Single(f => f.CheckId == RoleAttachedRule.Id);

        Assert.Equal(CheckStatus.Fail, attached.Status);
        Assert.Equal(
            $"aws redshift-serverless update-namespace --namespace-name 'cargo-ns' --iam-roles '{Analytics}' '{CustomerRoleArn}' --default-iam-role-arn '{CustomerRoleArn}' --region 'eu-west-1'",
            LastLine(attached.Sh()));
        // Said before the command, in the report and as comments above it in fix-aws.sh (line breaks are Markdown soft breaks).
        var why = string.Join(" ", attached.Remediation.Where(r => r.Kind != "sh").Select(r => r.Text)).ReplaceLineEndings(" ");
        Assert.Contains("The default IAM role of namespace cargo-ns could not be read.", why);
        Assert.Contains($"makes your role ({CustomerRoleArn}) the default", why);
        Assert.Contains("If the namespace already has a default role, keep it", why);
        Assert.Contains("aws redshift-serverless get-namespace --namespace-name 'cargo-ns' --query namespace.defaultIamRoleArn --output text --region 'eu-west-1'", why);
        Assert.Contains(attached.Details, d => d.StartsWith("default role: not read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task role_still_adding_is_a_warning()
    {
        fake.AllGoodProvisioned().Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], iamRoles: [(CustomerRoleArn, "adding")])));

        var attached = (await fake.CheckAsync(AwsScenario.Provisioned()))[RoleAttachedRule.Id];

        Assert.Equal(CheckStatus.Warn, attached.Status);
        Assert.Contains("(adding)", attached.Summary);
    }

    /// <summary>The command itself: the lines before it read the live role list and stop if it changed.</summary>
    private static string LastLine(string sh) => sh.Split('\n')[^1];
}

using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>Whole `check` runs against the loopback fake AWS, asserting what the customer reads.</summary>
[Trait("Category", "Aws")]
public sealed class AwsSourceScenarioTests : IDisposable
{
    private static readonly string[] AwsChecks = [PubliclyAccessibleRule.Id, IngressRule.Id, TrustPolicyRule.Id, AssumeCargoRoleRule.Id, RoleAttachedRule.Id];

    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task all_good_provisioned_passes_every_aws_check()
    {
        var result = await fake.AllGoodProvisioned().CheckAsync(AwsScenario.Provisioned());

        Assert.All(AwsChecks, id => Assert.True(result[id].Status == CheckStatus.Pass, result.Describe()));
        Assert.Contains("IAM policy simulator: allowed (matched cargo-assume)", result[AssumeCargoRoleRule.Id].Details);
        Assert.Empty(fake.SigningProblems);
    }

    [Fact]
    public async Task all_good_serverless_passes_every_aws_check()
    {
        var result = await fake.AllGoodServerless().CheckAsync(AwsScenario.Serverless());

        Assert.All(AwsChecks, id => Assert.True(result[id].Status == CheckStatus.Pass, result.Describe()));
        Assert.Contains("namespace cargo-ns", result[RoleAttachedRule.Id].Summary);
    }

    [Fact]
    public async Task no_aws_settings_skips_aws_checks_saying_what_to_pass()
    {
        var result = await fake.CheckAsync(new DoctorConfig());

        Assert.All(AwsChecks, id => Assert.Equal(
            (CheckStatus.Skipped, "AWS checks not configured: pass --cluster or --workgroup (and --region)"),
            (result[id].Status, result[id].Summary)));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task access_denied_on_get_role_is_unknown_naming_iam_get_role()
    {
        fake.AllGoodProvisioned().Respond("GetRole", QueryAccessDenied("iam:GetRole"));

        var result = await fake.CheckAsync(AwsScenario.Provisioned());

        Assert.Equal("iam:GetRole", result.Facts.Aws!.RoleGap!.MissingPermission);
        foreach (var id in new[] { TrustPolicyRule.Id, AssumeCargoRoleRule.Id })
        {
            Assert.Equal(CheckStatus.Unknown, result[id].Status);
            Assert.Contains("may not call iam:GetRole", result[id].Summary);
        }

        Assert.Equal(CheckStatus.Pass, result[IngressRule.Id].Status);
    }

    [Fact]
    public async Task throttling_then_success_is_retried_transparently()
    {
        fake.AllGoodProvisioned()
            .Respond("GetRole", QueryThrottling(), GetRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy()))
            .Respond("DescribeSecurityGroups", Ec2Throttling(), DescribeSecurityGroups(null, SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(cidrs: [CargoIpCidr]))));

        var result = await fake.CheckAsync(AwsScenario.Provisioned());

        Assert.All(AwsChecks, id => Assert.True(result[id].Status == CheckStatus.Pass, result.Describe()));
        Assert.Equal(2, fake.RequestsFor("GetRole").Count());
        Assert.Equal(2, fake.RequestsFor("DescribeSecurityGroups").Count());
    }

    [Fact]
    public async Task role_is_discovered_among_attached_roles_when_role_arn_is_absent()
    {
        const string otherArn = "arn:aws:iam::123456789012:role/analytics";
        const string otherPolicyArn = "arn:aws:iam::123456789012:policy/s3-read";
        fake.AllGoodProvisioned()
            .Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], iamRoles: [(otherArn, "in-sync"), (CustomerRoleArn, "in-sync")])))
            .Respond("GetRole", GetRole("analytics", otherArn, RedshiftServiceTrustPolicy()), GetRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy()))
            .Respond("ListAttachedRolePolicies", ListAttachedRolePolicies(null, ("s3-read", otherPolicyArn)), ListAttachedRolePolicies(null, ("cargo-assume", AssumePolicyArn)))
            .Respond("GetPolicy", GetPolicy(otherPolicyArn, "s3-read"), GetPolicy(AssumePolicyArn, "cargo-assume"))
            .Respond("GetPolicyVersion", GetPolicyVersion("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""), GetPolicyVersion(AssumeCargoRolePolicy));

        var result = await fake.CheckAsync(AwsScenario.Provisioned(roleArn: null));

        Assert.Equal(RoleSelectionKind.Discovered, result.Facts.Aws!.Selection.Kind);
        Assert.Equal(CustomerRoleArn, result.Facts.Aws.Role!.Arn);
        Assert.All(AwsChecks, id => Assert.True(result[id].Status == CheckStatus.Pass, result.Describe()));
        Assert.Equal(
            $"no --role-arn given: picked {CustomerRoleArn}, the attached role whose policies allow sts:AssumeRole on Cargo's role (of 2 attached roles)",
            result[TrustPolicyRule.Id].Details[0]);
    }

    [Fact]
    public async Task facts_file_replays_the_same_aws_findings()
    {
        fake.PortClosedToCargo().Respond("GetRole", QueryAccessDenied("iam:GetRole"));
        var live = await fake.CheckAsync(AwsScenario.Provisioned());

        var replayed = AwsScenario.Run(FactsJson.Deserialize(FactsJson.Serialize(live.Facts)));

        Assert.Equal(
            live.Findings.Select(f => (f.CheckId, f.Status, f.Summary)),
            replayed.Select(f => (f.CheckId, f.Status, f.Summary)));
    }

    [Fact]
    public async Task every_aws_call_is_in_the_aws_policy_action_list()
    {
        await fake.AllGoodProvisioned().CheckAsync(AwsScenario.Provisioned());
        await fake.AllGoodServerless().CheckAsync(AwsScenario.Serverless());

        var called = fake.Requests.Select(r => $"{r.SigningService}:{r.Operation}").Distinct().ToList();

        Assert.Contains("redshift-serverless:GetNamespace", called);
        Assert.All(called, action => Assert.Contains(action, Cargo.Doctor.Sources.Aws.AwsReadPermissions.Actions));
    }
}

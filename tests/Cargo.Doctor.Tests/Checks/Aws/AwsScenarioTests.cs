using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Checks.Aws;

/// <summary>Whole `check` runs against the loopback fake AWS, asserting what the customer reads.</summary>
public sealed class AwsScenarioTests : IDisposable
{
    private static readonly string[] AwsChecks = ["net.publicly-accessible", "net.ingress", "iam.trust-policy", "iam.assume-cargo-role", "iam.role-attached"];

    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task all_good_provisioned_passes_every_aws_check()
    {
        var result = await fake.AllGoodProvisioned().CheckAsync(AwsScenario.Provisioned());

        Assert.All(AwsChecks, id => Assert.True(result[id].Status == CheckStatus.Pass, result.Describe()));
        Assert.Contains("IAM policy simulator: allowed (matched cargo-assume)", result["iam.assume-cargo-role"].Details);
        Assert.Empty(fake.SigningProblems);
    }

    [Fact]
    public async Task all_good_serverless_passes_every_aws_check()
    {
        var result = await fake.AllGoodServerless().CheckAsync(AwsScenario.Serverless());

        Assert.All(AwsChecks, id => Assert.True(result[id].Status == CheckStatus.Pass, result.Describe()));
        Assert.Contains("namespace cargo-ns", result["iam.role-attached"].Summary);
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
    public async Task trust_with_the_wrong_principal_fails_with_update_assume_role_policy()
    {
        fake.AllGoodProvisioned().Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));

        var trust = (await fake.CheckAsync(AwsScenario.Provisioned()))["iam.trust-policy"];

        Assert.Equal(CheckStatus.Fail, trust.Status);
        Assert.Contains("does not allow redshift.amazonaws.com", trust.Summary);
        Assert.StartsWith(
            "aws iam update-assume-role-policy --role-name 'cargo-redshift-access' --policy-document '{",
            trust.Sh());
        Assert.Contains("\"Service\": \"redshift.amazonaws.com\"", trust.Sh());
        Assert.Contains(trust.Remediation, r => r.Kind == "json" && r.Text.Contains("sts:AssumeRole", StringComparison.Ordinal));
    }

    [Fact]
    public async Task serverless_trust_without_redshift_serverless_principal_fails()
    {
        fake.AllGoodServerless().Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));

        var trust = (await fake.CheckAsync(AwsScenario.Serverless()))["iam.trust-policy"];

        Assert.Equal(CheckStatus.Fail, trust.Status);
        Assert.Contains("redshift-serverless.amazonaws.com", trust.Summary);
        Assert.Contains("redshift.amazonaws.com: pass", trust.Details[0]);
        Assert.Contains("\"redshift-serverless.amazonaws.com\"", trust.Sh());
    }

    [Fact]
    public async Task policy_without_assume_role_fails_with_put_role_policy()
    {
        fake.AllGoodProvisioned()
            .Respond("GetPolicyVersion", GetPolicyVersion("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "implicitDeny")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))["iam.assume-cargo-role"];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains($"may not assume {CargoRoleArn}", assume.Summary);
        Assert.Contains("offline evaluation: implicit deny: No statement allows sts:AssumeRole", assume.Text());
        Assert.Contains("IAM policy simulator: implicitDeny", assume.Details);
        Assert.StartsWith("aws iam put-role-policy --role-name 'cargo-redshift-access' --policy-name 'cargo-assume-role' --policy-document '{", assume.Sh());
        Assert.Contains($"\"Resource\": \"{CargoRoleArn}\"", assume.Sh());
    }

    [Fact]
    public async Task policy_for_another_role_arn_fails()
    {
        fake.AllGoodProvisioned()
            .Respond("GetPolicyVersion", GetPolicyVersion("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::210987654321:role/someone-else"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "implicitDeny")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))["iam.assume-cargo-role"];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains("No statement allows sts:AssumeRole on " + CargoRoleArn, assume.Text());
    }

    [Fact]
    public async Task explicit_deny_in_an_inline_policy_fails_naming_it()
    {
        fake.AllGoodProvisioned()
            .Respond("ListRolePolicies", ListRolePolicies(null, "lockdown"))
            .Respond("GetRolePolicy", GetRolePolicy(CustomerRoleName, "lockdown",
                """{"Version":"2012-10-17","Statement":[{"Sid":"NoChaining","Effect":"Deny","Action":"sts:*","Resource":"*"}]}"""))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "explicitDeny")));

        var assume = (await fake.CheckAsync(AwsScenario.Provisioned()))["iam.assume-cargo-role"];

        Assert.Equal(CheckStatus.Fail, assume.Status);
        Assert.Contains("Denied explicitly by inline policy \"lockdown\" statement \"NoChaining\"", assume.Summary);
        var removeDeny = Assert.Single(assume.Remediation, r => r.Key == "remove-deny");
        Assert.Contains("inline policy \"lockdown\" statement \"NoChaining\" denies `sts:AssumeRole` on " + CargoRoleArn, removeDeny.Text);
    }

    [Fact]
    public async Task role_not_attached_to_cluster_fails_with_modify_cluster_iam_roles()
    {
        var attached = (await fake.RoleNotAttachedProvisioned().CheckAsync(AwsScenario.Provisioned()))["iam.role-attached"];

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

        var attached = (await fake.CheckAsync(AwsScenario.Serverless()))["iam.role-attached"];

        Assert.Equal(CheckStatus.Fail, attached.Status);
        Assert.Equal(
            $"aws redshift-serverless update-namespace --namespace-name 'cargo-ns' --iam-roles '{existing}' '{CustomerRoleArn}' --region 'eu-west-1'",
            attached.Sh());
    }

    [Fact]
    public async Task role_still_adding_is_a_warning()
    {
        fake.AllGoodProvisioned().Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], iamRoles: [(CustomerRoleArn, "adding")])));

        var attached = (await fake.CheckAsync(AwsScenario.Provisioned()))["iam.role-attached"];

        Assert.Equal(CheckStatus.Warn, attached.Status);
        Assert.Contains("(adding)", attached.Summary);
    }

    [Fact]
    public async Task security_group_without_cargo_ip_fails_with_authorize_ingress()
    {
        var ingress = (await fake.PortClosedToCargo().CheckAsync(AwsScenario.Provisioned()))["net.ingress"];

        Assert.Equal(CheckStatus.Fail, ingress.Status);
        Assert.Equal("1 of 1 Cargo IP(s) cannot reach cluster cargo-cluster on port 5439", ingress.Summary);
        Assert.Equal(
            "aws ec2 authorize-security-group-ingress --group-id 'sg-0cargo' --protocol tcp --port 5439 --cidr '3.248.0.10/32' --region 'eu-west-1'",
            ingress.Sh());
    }

    [Fact]
    public async Task rule_on_the_wrong_port_fails_and_says_which_port_is_open()
    {
        fake.AllGoodProvisioned().Respond("DescribeSecurityGroups", DescribeSecurityGroups(null,
            SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(fromPort: 5432, toPort: 5432, cidrs: [CargoIpCidr]))));

        var ingress = (await fake.CheckAsync(AwsScenario.Provisioned()))["net.ingress"];

        Assert.Equal(CheckStatus.Fail, ingress.Status);
        Assert.Contains("sg-0cargo admits it on tcp 5432 only", ingress.Text());
    }

    [Fact]
    public async Task all_traffic_rule_from_a_wider_cidr_admits_cargo()
    {
        fake.AllGoodProvisioned().Respond("DescribeSecurityGroups", DescribeSecurityGroups(null,
            SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission("-1", null, null, cidrs: ["3.248.0.0/16"]))));

        var ingress = (await fake.CheckAsync(AwsScenario.Provisioned()))["net.ingress"];

        Assert.Equal(CheckStatus.Pass, ingress.Status);
        Assert.Contains("3.248.0.10/32: admitted by sg-0cargo (all traffic from 3.248.0.0/16)", ingress.Details);
    }

    [Fact]
    public async Task prefix_list_rule_is_not_evaluable_and_never_a_pass()
    {
        fake.AllGoodProvisioned().Respond("DescribeSecurityGroups", DescribeSecurityGroups(null,
            SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(prefixListIds: ["pl-0cargo"]))));

        var ingress = (await fake.CheckAsync(AwsScenario.Provisioned()))["net.ingress"];

        Assert.Equal(CheckStatus.Unknown, ingress.Status);
        Assert.Contains("pl-0cargo", ingress.Text());
    }

    [Fact]
    public async Task ipv6_cargo_address_gets_an_ip_permissions_command()
    {
        fake.PortClosedToCargo();
        var config = AwsScenario.Provisioned() with { Cargo = new CargoConfig { Ips = ["2001:db8::7"], RoleArn = CargoRoleArn } };

        var ingress = (await fake.CheckAsync(config))["net.ingress"];

        Assert.Equal(CheckStatus.Fail, ingress.Status);
        Assert.Equal(
            "aws ec2 authorize-security-group-ingress --group-id 'sg-0cargo' --ip-permissions 'IpProtocol=tcp,FromPort=5439,ToPort=5439,Ipv6Ranges=[{CidrIpv6=2001:db8::7/128,Description=Cargo}]' --region 'eu-west-1'",
            ingress.Sh());
    }

    [Fact]
    public async Task cluster_not_publicly_accessible_fails_with_modify_cluster()
    {
        fake.AllGoodProvisioned().Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, publiclyAccessible: false, securityGroupIds: [SecurityGroupId])));

        var publicly = (await fake.CheckAsync(AwsScenario.Provisioned()))["net.publicly-accessible"];

        Assert.Equal(CheckStatus.Fail, publicly.Status);
        Assert.Equal("cluster cargo-cluster is not publicly accessible", publicly.Summary);
        Assert.Equal("aws redshift modify-cluster --cluster-identifier 'cargo-cluster' --publicly-accessible --region 'eu-west-1'", publicly.Sh());
        Assert.Contains(publicly.Remediation, r => r.Kind == "console" && r.Text.Contains("Turn on Publicly accessible", StringComparison.Ordinal));
    }

    [Fact]
    public async Task workgroup_not_publicly_accessible_fails_with_update_workgroup()
    {
        fake.AllGoodServerless().Respond("GetWorkgroup", GetWorkgroup(WorkgroupName, NamespaceName, publiclyAccessible: false, securityGroupIds: [SecurityGroupId]));

        var publicly = (await fake.CheckAsync(AwsScenario.Serverless()))["net.publicly-accessible"];

        Assert.Equal(CheckStatus.Fail, publicly.Status);
        Assert.Equal("aws redshift-serverless update-workgroup --workgroup-name 'cargo-wg' --publicly-accessible --region 'eu-west-1'", publicly.Sh());
    }

    [Fact]
    public async Task access_denied_on_get_role_is_unknown_naming_iam_get_role()
    {
        fake.AllGoodProvisioned().Respond("GetRole", QueryAccessDenied("iam:GetRole"));

        var result = await fake.CheckAsync(AwsScenario.Provisioned());

        Assert.Equal("iam:GetRole", result.Facts.Aws!.RoleGap!.MissingPermission);
        foreach (var id in new[] { "iam.trust-policy", "iam.assume-cargo-role" })
        {
            Assert.Equal(CheckStatus.Unknown, result[id].Status);
            Assert.Contains("may not call iam:GetRole", result[id].Summary);
        }

        Assert.Equal(CheckStatus.Pass, result["net.ingress"].Status);
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
            result["iam.trust-policy"].Details[0]);
    }

    [Fact]
    public void malformed_cargo_ip_is_a_one_line_config_error_before_any_call()
    {
        var config = AwsScenario.Provisioned() with { Cargo = new CargoConfig { Ips = ["3.248.0.300"] } };

        // The one validation step refuses it before the CLI prompts, connects or calls AWS.
        Assert.Contains("--cargo-ip '3.248.0.300' is not an IP address or CIDR (e.g. 203.0.113.7 or 203.0.113.0/24)", DoctorConfigValidator.Validate(config));
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

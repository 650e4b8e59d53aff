using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// fix-aws.sh, as <c>check</c> writes it, run by every installed aws CLI (Debian's v2 at /usr/bin/aws and a v1
/// first on PATH) against a stateful fake account holding other customer state: trust statements for other
/// services and roles with conditions and Sids, other inline policies (one named like the doctor's own), other
/// attached roles, a namespace default role, other ingress rules. State after = state before + only the
/// intended additions (whole snapshots compared). When the live state changed after <c>check</c> read it,
/// the step that would replace a document or a list stops and changes nothing.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class FixAwsStatePreservationTests : IDisposable
{
    private const string Etl = "arn:aws:iam::123456789012:role/etl-runner";
    private const string OtherS3Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::logs/*"}]}""";

    /// <summary>Trusts Redshift Serverless (with a condition), EC2, and another account's role with an ExternalId: never Redshift.</summary>
    private const string CustomerTrust = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Serverless","Effect":"Allow","Principal":{"Service":"redshift-serverless.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}},
          {"Sid":"Batch","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
          {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/etl-runner"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"s3cr3t-id"}}}]}
        """;

    private readonly FakeAwsEndpoint fake = new("eu-west-1");
    private readonly string folder = Directory.CreateTempSubdirectory("fix-aws-state-").FullName;

    public static TheoryData<string> Clis => [.. AwsCliScript.Installed];

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task provisioned_fix_adds_only_what_is_missing(string aws)
    {
        var account = ProvisionedAccount();
        var before = account.Snapshot();
        var check = await fake.CheckAsync(AwsScenario.Provisioned());
        Assert.Equal(CheckStatus.Fail, check["iam.trust-policy"].Status);

        var run = await AwsCliScript.RunAsync(await WriteFixAwsAsync(check), fake, aws);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(fake.SigningProblems);
        var after = account.Snapshot();
        Assert.Equal(["cluster cargo-cluster public False"], FakeAwsAccount.Minus(before, after));
        Assert.Equal(
            [
                $"cluster cargo-cluster public True",
                $"cluster cargo-cluster role {CustomerRoleArn}",
                $"role {CustomerRoleName} inline cargo-assume-role-2 {{\"Statement\":[{{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Resource\":\"{CargoRoleArn}\",\"Sid\":\"CrossAccountPolicy\"}}],\"Version\":\"2012-10-17\"}}",
                $"role {CustomerRoleName} trust statement {{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{{\"Service\":\"redshift.amazonaws.com\"}},\"Sid\":\"RedshiftAssumeRole\"}}",
                $"sg {SecurityGroupId} ingress tcp 5439-5439 {CargoIpCidr}",
            ],
            FakeAwsAccount.Minus(after, before));
        var recheck = await fake.CheckAsync(AwsScenario.Provisioned());
        Assert.All(recheck.Findings.Where(f => f.CheckId.StartsWith("iam.", StringComparison.Ordinal) || f.CheckId.StartsWith("net.", StringComparison.Ordinal)),
            f => Assert.True(f.Status == CheckStatus.Pass, recheck.Describe()));
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task two_changes_to_one_cluster_wait_for_the_first_to_be_applied(string aws)
    {
        var account = ProvisionedAccount();
        account.Clusters[ClusterId].BusyReadsAfterChange = 3;
        var check = await fake.CheckAsync(AwsScenario.Provisioned());

        var run = await AwsCliScript.RunAsync(await WriteFixAwsAsync(check), fake, aws,
            new Dictionary<string, string> { [ClusterReadyWait.IntervalVariable] = "0" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(account.Clusters[ClusterId].PubliclyAccessible);
        Assert.Contains(CustomerRoleArn, account.Clusters[ClusterId].IamRoles);
        Assert.True(fake.RequestsFor("DescribeClusters").Count() >= 4, "the script did not poll the cluster between the two changes");
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task serverless_fix_keeps_the_namespace_roles_and_default_role(string aws)
    {
        var account = ServerlessAccount(trust: """{"Version":"2012-10-17","Statement":{"Sid":"Batch","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}""");
        var before = account.Snapshot();
        var check = await fake.CheckAsync(AwsScenario.Serverless());

        var run = await AwsCliScript.RunAsync(await WriteFixAwsAsync(check), fake, aws);

        Assert.True(run.ExitCode == 0, run.ToString());
        var after = account.Snapshot();
        Assert.Equal([$"workgroup {WorkgroupName} public False"], FakeAwsAccount.Minus(before, after));
        var added = FakeAwsAccount.Minus(after, before);
        Assert.Contains($"namespace {NamespaceName} role {CustomerRoleArn}", added);
        Assert.Contains($"workgroup {WorkgroupName} public True", added);
        Assert.Contains($"role {CustomerRoleName} trust statement {{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{{\"Service\":[\"redshift.amazonaws.com\",\"redshift-serverless.amazonaws.com\"]}},\"Sid\":\"RedshiftAssumeRole\"}}", added);
        Assert.Equal(5, added.Count);
        Assert.Equal(Etl, account.Namespaces[NamespaceName].DefaultIamRoleArn);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task trust_policy_changed_after_the_check_stops_the_script_before_it_replaces_it(string aws)
    {
        var account = ProvisionedAccount();
        var check = await fake.CheckAsync(AwsScenario.Provisioned());
        var changed = CustomerTrust.Replace("s3cr3t-id", "rotated-id", StringComparison.Ordinal);
        account.Roles[CustomerRoleName].TrustPolicy = changed;

        var run = await AwsCliScript.RunAsync(await WriteFixAwsAsync(check), fake, aws);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"stopped: the trust policy of role {CustomerRoleName} changed since cargo-doctor read it", run.Stderr);
        Assert.Empty(fake.RequestsFor("UpdateAssumeRolePolicy"));
        Assert.Equal(changed, account.Roles[CustomerRoleName].TrustPolicy);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task the_same_trust_policy_printed_another_way_is_not_a_change(string aws)
    {
        var account = ProvisionedAccount();
        var check = await fake.CheckAsync(AwsScenario.Provisioned());
        // Keys in another order, other whitespace, a value as a one-element list, a lone statement as a list of one.
        account.Roles[CustomerRoleName].TrustPolicy = """
            { "Statement" : [
                { "Action": ["sts:AssumeRole"], "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}, "Effect": "Allow", "Principal": {"Service": ["redshift-serverless.amazonaws.com"]}, "Sid": "Serverless" },
                { "Principal": {"Service": "ec2.amazonaws.com"}, "Sid": "Batch", "Action": "sts:AssumeRole", "Effect": "Allow" },
                {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:role/etl-runner"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"s3cr3t-id"}}}
              ],
              "Version" : "2012-10-17" }
            """;

        var run = await AwsCliScript.RunAsync(await WriteFixAwsAsync(check), fake, aws);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(fake.RequestsFor("UpdateAssumeRolePolicy"));
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task an_inline_policy_added_under_the_chosen_name_after_the_check_is_kept(string aws)
    {
        var account = ProvisionedAccount();
        var check = await fake.CheckAsync(AwsScenario.Provisioned());
        account.Roles[CustomerRoleName].InlinePolicies["cargo-assume-role-2"] = OtherS3Policy;

        var run = await AwsCliScript.RunAsync(await WriteFixAwsAsync(check), fake, aws);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("already has an inline policy cargo-assume-role-2 with another document", run.Stderr);
        Assert.Empty(fake.RequestsFor("PutRolePolicy"));
        Assert.Equal(OtherS3Policy, account.Roles[CustomerRoleName].InlinePolicies["cargo-assume-role-2"]);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task a_role_attached_to_the_namespace_after_the_check_stops_the_update(string aws)
    {
        var account = ServerlessAccount(trust: RedshiftServiceTrustPolicy());
        var check = await fake.CheckAsync(AwsScenario.Serverless());
        const string Late = "arn:aws:iam::123456789012:role/late-arrival";
        account.Namespaces[NamespaceName].IamRoles.Add(Late);

        var run = await AwsCliScript.RunAsync(await WriteFixAwsAsync(check), fake, aws);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"stopped: the IAM roles of namespace {NamespaceName} changed", run.Stderr);
        Assert.Empty(fake.RequestsFor("UpdateNamespace"));
        Assert.Equal(["arn:aws:iam::123456789012:role/analytics", Etl, Late], account.Namespaces[NamespaceName].IamRoles);
    }

    private FakeAwsAccount ProvisionedAccount()
    {
        var account = new FakeAwsAccount(fake);
        var cluster = account.Clusters[ClusterId] = new FakeCluster(ClusterId) { PubliclyAccessible = false };
        cluster.SecurityGroupIds.Add(SecurityGroupId);
        cluster.IamRoles.Add(Etl);
        account.SecurityGroups[SecurityGroupId] = [new FakeIngressRule("tcp", 5439, 5439, "10.0.0.0/8"), new FakeIngressRule("tcp", 443, 443, "0.0.0.0/0")];
        // In a public subnet (route to an internet gateway, default ACL): net.route and net.nacl need no fix.
        account.AddPublicVpc(cluster);
        AddRole(account, CustomerTrust);
        return account;
    }

    private FakeAwsAccount ServerlessAccount(string trust)
    {
        var account = new FakeAwsAccount(fake);
        var workgroup = account.Workgroups[WorkgroupName] = new FakeWorkgroup(WorkgroupName, NamespaceName) { PubliclyAccessible = false };
        workgroup.SecurityGroupIds.Add(SecurityGroupId);
        account.SecurityGroups[SecurityGroupId] = [new FakeIngressRule("tcp", 5439, 5439, "10.0.0.0/8")];
        var ns = account.Namespaces[NamespaceName] = new FakeNamespace(NamespaceName) { DefaultIamRoleArn = Etl };
        ns.IamRoles.AddRange(["arn:aws:iam::123456789012:role/analytics", Etl]);
        AddRole(account, trust);
        return account;
    }

    private static void AddRole(FakeAwsAccount account, string trust)
    {
        var role = account.Roles[CustomerRoleName] = new FakeRole(CustomerRoleName, CustomerRoleArn, trust);
        role.InlinePolicies["cargo-assume-role"] = OtherS3Policy;
        role.InlinePolicies["etl-s3"] = OtherS3Policy.Replace("logs", "etl", StringComparison.Ordinal);
    }

    /// <summary>fix-aws.sh as <c>check</c> writes it: the same renderer over the same findings.</summary>
    private Task<string> WriteFixAwsAsync(CheckResult result) => FixAwsScriptFile.WriteAsync(result, folder);
}

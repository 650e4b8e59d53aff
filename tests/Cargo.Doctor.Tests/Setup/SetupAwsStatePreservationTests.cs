using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.Setup;
using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// setup-aws.sh run by every installed aws CLI (Debian's v2 and a v1 first on PATH) against a stateful fake
/// account holding other customer state: an existing role with its own trust statements and inline policy,
/// other attached roles, a namespace default role, other ingress rules. State after = state before + only
/// the intended additions (whole snapshots). A cluster busy applying the role attachment is waited for
/// (<see cref="ClusterReadyWait"/>, interval shortened through its environment variable) before the next
/// change, and the script ends by printing the role ARN to give Cargo.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class SetupAwsStatePreservationTests : IDisposable
{
    private const string RoleName = "cargo-redshift-access";
    private const string Etl = "arn:aws:iam::123456789012:role/etl";
    private const string SecurityGroup = "sg-0cargo";
    private const string OwnTrust = """{"Version":"2012-10-17","Statement":[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/etl-runner"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"s3cr3t-id"}}},{"Sid":"Redshift","Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private const string OtherPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::etl/*"}]}""";
    private static readonly Dictionary<string, string> NoSleep = new() { [ClusterReadyWait.IntervalVariable] = "0" };

    private readonly FakeAwsEndpoint fake = new("eu-west-1");

    public static TheoryData<string> Clis => [.. AwsCliScript.Installed];

    public void Dispose() => fake.Dispose();

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task provisioned_setup_adds_only_what_is_missing_and_waits_for_the_cluster_between_changes(string aws)
    {
        var account = new FakeAwsAccount(fake);
        var cluster = account.Clusters["cargo-cluster"] = new FakeCluster("cargo-cluster") { PubliclyAccessible = false, BusyReadsAfterChange = 6 };
        cluster.SecurityGroupIds.Add(SecurityGroup);
        cluster.IamRoles.Add(Etl);
        account.SecurityGroups[SecurityGroup] = [new FakeIngressRule("tcp", 5439, 5439, "10.0.0.0/8"), new FakeIngressRule("tcp", 22, 22, "192.0.2.0/24")];
        var role = account.Roles[RoleName] = new FakeRole(RoleName, account.RoleArn(RoleName), OwnTrust);
        role.InlinePolicies["etl-s3"] = OtherPolicy;
        var before = account.Snapshot();

        var setup = await SetupCli.RunAsync([.. Args, "--cluster", "cargo-cluster"]);
        var run = await AwsCliScript.RunAsync(setup.ScriptPath, fake, aws, NoSleep);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith($"give Cargo this role ARN: {account.RoleArn(RoleName)}", run.Stdout.TrimEnd());
        var after = account.Snapshot();
        Assert.Equal(["cluster cargo-cluster public False"], FakeAwsAccount.Minus(before, after));
        Assert.Equal(
            [
                "cluster cargo-cluster public True",
                $"cluster cargo-cluster role {account.RoleArn(RoleName)}",
                $"role {RoleName} inline cargo-assume-role {{\"Statement\":[{{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Resource\":\"{CargoRoleArn}\",\"Sid\":\"CrossAccountPolicy\"}}],\"Version\":\"2012-10-17\"}}",
                $"sg {SecurityGroup} ingress tcp 5439-5439 2001:db8::7/128",
                $"sg {SecurityGroup} ingress tcp 5439-5439 3.248.0.10/32",
            ],
            FakeAwsAccount.Minus(after, before));
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task serverless_setup_keeps_the_namespace_roles_and_its_default_role(string aws)
    {
        var account = new FakeAwsAccount(fake);
        var workgroup = account.Workgroups["cargo-wg"] = new FakeWorkgroup("cargo-wg", "cargo-ns") { PubliclyAccessible = true };
        workgroup.SecurityGroupIds.Add(SecurityGroup);
        var ns = account.Namespaces["cargo-ns"] = new FakeNamespace("cargo-ns") { DefaultIamRoleArn = Etl };
        ns.IamRoles.AddRange(["arn:aws:iam::123456789012:role/analytics", Etl]);
        account.SecurityGroups[SecurityGroup] = [new FakeIngressRule("tcp", 5439, 5439, "10.0.0.0/8")];
        var before = account.Snapshot();

        var setup = await SetupCli.RunAsync([.. Args, "--workgroup", "cargo-wg"]);
        var run = await AwsCliScript.RunAsync(setup.ScriptPath, fake, aws, NoSleep);

        Assert.True(run.ExitCode == 0, run.ToString());
        var after = account.Snapshot();
        Assert.Empty(FakeAwsAccount.Minus(before, after));
        var added = FakeAwsAccount.Minus(after, before);
        Assert.Contains($"namespace cargo-ns role {account.RoleArn(RoleName)}", added);
        Assert.All(added, line => Assert.True(line.StartsWith($"role {RoleName} ", StringComparison.Ordinal) || line.StartsWith("namespace cargo-ns role ", StringComparison.Ordinal)
            || line.StartsWith($"sg {SecurityGroup} ingress tcp 5439-5439 ", StringComparison.Ordinal), line));
        Assert.Equal(Etl, ns.DefaultIamRoleArn);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task an_inline_policy_of_the_same_name_with_another_document_stops_the_script_and_is_kept(string aws)
    {
        var account = new FakeAwsAccount(fake);
        var role = account.Roles[RoleName] = new FakeRole(RoleName, account.RoleArn(RoleName), OwnTrust);
        role.InlinePolicies[SetupAwsScriptWriter.PolicyName] = OtherPolicy;
        var before = account.Snapshot();

        var setup = await SetupCli.RunAsync(Args);
        var run = await AwsCliScript.RunAsync(setup.ScriptPath, fake, aws, NoSleep);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"already has an inline policy {SetupAwsScriptWriter.PolicyName} with another document", run.Stderr);
        Assert.Equal(before, account.Snapshot());
    }

    private static string[] Args =>
    [
        "--database", "dev", "--region", "eu-west-1", "--customer-role-name", RoleName, "--cargo-role-arn", CargoRoleArn,
        "--cargo-ip", "3.248.0.10", "--cargo-ip", "2001:db8::7",
    ];
}

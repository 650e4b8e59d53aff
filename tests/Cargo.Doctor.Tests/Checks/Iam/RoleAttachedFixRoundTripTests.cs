using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Setup;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Checks.Iam;

/// <summary>
/// iam.role-attached on Redshift Serverless, fixed the way a customer would: the fix-aws.sh that
/// <c>check</c> writes is run by the real <c>aws</c> CLI against a stateful fake account whose
/// UpdateNamespace holds the caller to "iamRoles ... must be updated together with defaultIamRoleArn"
/// (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_UpdateNamespace.html); then
/// <c>check</c> runs again. The namespace already has two roles, one of them its default role.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class RoleAttachedFixRoundTripTests : IDisposable
{
    private const string Analytics = "arn:aws:iam::123456789012:role/analytics";
    private const string Etl = "arn:aws:iam::123456789012:role/etl";

    private readonly FakeAwsEndpoint fake = new("eu-west-1");
    private readonly string folder = Directory.CreateTempSubdirectory("role-attached-fix-").FullName;

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task fix_aws_sh_attaches_the_role_and_keeps_the_other_roles_and_the_default_role()
    {
        var account = new FakeAwsAccount(fake);
        var workgroup = account.Workgroups[WorkgroupName] = new FakeWorkgroup(WorkgroupName, NamespaceName) { PubliclyAccessible = true };
        workgroup.SecurityGroupIds.Add(SecurityGroupId);
        account.SecurityGroups[SecurityGroupId] = [new FakeIngressRule("tcp", 5439, 5439, CargoIpCidr)];
        var role = account.Roles[CustomerRoleName] = new FakeRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy());
        role.InlinePolicies["cargo-assume"] = AssumeCargoRolePolicy;
        var ns = account.Namespaces[NamespaceName] = new FakeNamespace(NamespaceName) { DefaultIamRoleArn = Etl };
        ns.IamRoles.AddRange([Analytics, Etl]);

        var before = await fake.CheckAsync(AwsScenario.Serverless());
        Assert.Equal(CheckStatus.Fail, before[RoleAttachedRule.Id].Status);

        var script = await WriteFixAwsAsync(before);
        var run = await AwsCliScript.RunAsync(script, fake);

        Assert.True(run.ExitCode == 0, run + "\n--- fix-aws.sh\n" + await File.ReadAllTextAsync(script, TestContext.Current.CancellationToken));
        Assert.Empty(fake.SigningProblems);
        Assert.Single(fake.RequestsFor("UpdateNamespace"));
        Assert.Equal([Analytics, Etl, CustomerRoleArn], ns.IamRoles);
        Assert.Equal(Etl, ns.DefaultIamRoleArn);
        var after = await fake.CheckAsync(AwsScenario.Serverless());
        Assert.True(after[RoleAttachedRule.Id].Status == CheckStatus.Pass, after.Describe());
    }

    /// <summary>fix-aws.sh as <c>check</c> writes it: the same renderer over the same findings.</summary>
    private Task<string> WriteFixAwsAsync(CheckResult result) => FixAwsScriptFile.WriteAsync(result, folder);
}

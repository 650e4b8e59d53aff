using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Setup;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// The fake account's UpdateNamespace, driven by the real aws CLI, holds the caller to the pairing its API
/// reference documents: iamRoles "must be updated together with defaultIamRoleArn" and the other way round
/// (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_UpdateNamespace.html). A fix
/// that leaves one out must fail here as it would against AWS, and change nothing.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class FakeNamespaceUpdateTests : IDisposable
{
    private const string Etl = "arn:aws:iam::123456789012:role/etl";
    private const string Customer = FakeAwsResponses.CustomerRoleArn;

    private readonly FakeAwsEndpoint fake = new("eu-west-1");
    private readonly FakeNamespace ns;
    private readonly string folder = Directory.CreateTempSubdirectory("fake-update-namespace-").FullName;

    public FakeNamespaceUpdateTests()
    {
        var account = new FakeAwsAccount(fake);
        ns = account.Namespaces["cargo-ns"] = new FakeNamespace("cargo-ns") { DefaultIamRoleArn = Etl };
        ns.IamRoles.Add(Etl);
    }

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("--iam-roles", "iamRoles must be updated together with defaultIamRoleArn")]
    [InlineData("--default-iam-role-arn", "defaultIamRoleArn must be updated together with iamRoles")]
    public async Task one_member_without_the_other_is_a_validation_error_and_changes_nothing(string option, string message)
    {
        var run = await UpdateNamespaceAsync($"{option} {ShellQuote.Arg(Customer)}");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("ValidationException", run.Stderr);
        Assert.Contains(message, run.Stderr);
        Assert.Equal([Etl], ns.IamRoles);
        Assert.Equal(Etl, ns.DefaultIamRoleArn);
    }

    [Fact]
    public async Task both_members_together_replace_the_roles_and_the_default_role()
    {
        var run = await UpdateNamespaceAsync($"--iam-roles {ShellQuote.Arg(Etl)} {ShellQuote.Arg(Customer)} --default-iam-role-arn {ShellQuote.Arg(Etl)}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([Etl, Customer], ns.IamRoles);
        Assert.Equal(Etl, ns.DefaultIamRoleArn);
    }

    private async Task<AwsCliScript.Result> UpdateNamespaceAsync(string arguments)
    {
        var script = Path.Combine(folder, "update-namespace.sh");
        await File.WriteAllTextAsync(script, $"set -euo pipefail\naws redshift-serverless update-namespace --namespace-name 'cargo-ns' {arguments} --region 'eu-west-1'\n",
            TestContext.Current.CancellationToken);
        return await AwsCliScript.RunAsync(script, fake);
    }
}

using Cargo.Doctor.Tests.Aws;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// The fake accepts the aws CLI's SigV4 signatures only when they are right: a script signed with
/// another secret changes nothing in the account and is listed as a signing problem.
/// </summary>
[Trait("Category", "Aws")]
public sealed class FakeAccountSigningTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new("eu-west-1");

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task a_request_signed_with_another_secret_is_refused_and_changes_nothing()
    {
        var account = new FakeAwsAccount(fake);
        var script = Path.Combine(Directory.CreateTempSubdirectory("signing").FullName, "create.sh");
        await File.WriteAllTextAsync(script, """
            set -euo pipefail
            AWS_SECRET_ACCESS_KEY=wrong-secret aws iam create-role --role-name wrongly-signed --assume-role-policy-document '{}' || echo refused
            aws iam create-role --role-name rightly-signed --assume-role-policy-document '{}' >/dev/null
            """, TestContext.Current.CancellationToken);

        var run = await AwsCliScript.RunAsync(script, fake);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("refused", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["rightly-signed"], account.Roles.Keys);
        Assert.Single(fake.SigningProblems, p => p.StartsWith("CreateRole:", StringComparison.Ordinal));
    }
}

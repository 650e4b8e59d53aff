using System.Diagnostics;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Setup;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// Every generated AWS script (setup-aws.sh and fix-aws.sh, provisioned and Serverless, with and without
/// roles already attached, with and without the optional steps) has no form macOS's /bin/bash 3.2 cannot
/// run (<see cref="Bash32Scan"/>) and parses with <c>bash -n</c>.
/// </summary>
[Trait("Category", "Aws")]
public sealed class GeneratedScriptsBash32Tests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new("eu-west-1");

    public void Dispose() => fake.Dispose();

    public static TheoryData<string, string?, string?, bool> SetupCases => new()
    {
        { "provisioned", "cargo-cluster", null, true },
        { "serverless", null, "cargo-wg", true },
        { "provisioned, no Cargo role or IP", "cargo-cluster", null, false },
        { "no target", null, null, true },
    };

    [Theory]
    [MemberData(nameof(SetupCases))]
    public async Task setup_aws_sh_runs_under_bash_3_2(string name, string? cluster, string? workgroup, bool cargo)
    {
        var config = new DoctorConfig
        {
            Aws = new AwsConfig { Region = "eu-west-1", ClusterIdentifier = cluster, Workgroup = workgroup },
            Cargo = cargo ? new CargoConfig { Ips = ["3.248.0.10", "2001:db8::7"], RoleArn = CargoRoleArn } : new CargoConfig(),
        };

        var script = SetupAwsScriptWriter.Write(new SetupRequest(config, "cargo-redshift-access"), CatalogLoader.LoadDefault());

        await AssertBash32Async(name, script);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task fix_aws_sh_runs_under_bash_3_2(bool serverless, bool otherRolesAttached)
    {
        var account = new FakeAwsAccount(fake);
        var others = otherRolesAttached ? new[] { "arn:aws:iam::123456789012:role/etl" } : [];
        if (serverless)
        {
            account.Workgroups[WorkgroupName] = new FakeWorkgroup(WorkgroupName, NamespaceName) { SecurityGroupIds = { SecurityGroupId } };
            var ns = account.Namespaces[NamespaceName] = new FakeNamespace(NamespaceName) { DefaultIamRoleArn = others.FirstOrDefault() ?? "" };
            ns.IamRoles.AddRange(others);
        }
        else
        {
            var c = account.Clusters[ClusterId] = new FakeCluster(ClusterId) { SecurityGroupIds = { SecurityGroupId } };
            c.IamRoles.AddRange(others);
        }

        account.SecurityGroups[SecurityGroupId] = [];
        account.Roles[CustomerRoleName] = new FakeRole(CustomerRoleName, CustomerRoleArn,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        var result = await fake.CheckAsync(serverless ? AwsScenario.Serverless() : AwsScenario.Provisioned());

        var script = new FixAwsScriptRenderer().Render(Report.Create(result.Facts, CatalogLoader.LoadDefault(), result.Findings, TimeSpan.Zero));

        Assert.Contains("update-assume-role-policy", script);
        Assert.Contains(serverless ? "update-namespace" : "modify-cluster-iam-roles", script);
        await AssertBash32Async($"fix-aws.sh serverless={serverless} roles={otherRolesAttached}", script);
    }

    [Theory]
    [InlineData("for r in \"${roles[@]}\"; do :; done", "unguarded expansion of array roles")]
    [InlineData("has_word x \"${attached[*]}\"", "unguarded expansion of array attached")]
    [InlineData("declare -A seen", "associative array")]
    [InlineData("local -A seen", "associative array")]
    [InlineData("mapfile -t lines < f", "mapfile")]
    [InlineData("echo ${name,,}", "case modification")]
    [InlineData("echo ${name^^}", "case modification")]
    [InlineData("echo ${name@Q}", "transformation")]
    [InlineData("aws x |& tee log", "|&")]
    [InlineData("[[ -v name ]] && echo set", "[[ -v ]]")]
    [InlineData("echo ${list[-1]}", "negative array index")]
    public void the_scan_finds_each_form(string line, string why)
    {
        var problem = Assert.Single(Bash32Scan.Problems("set -u\n" + line + "\n"));
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("for r in ${roles[@]+\"${roles[@]}\"}; do :; done")]
    [InlineData("[[ ${#groups[@]} -gt 0 ]]")]
    [InlineData("# \"${roles[@]}\" in a comment")]
    [InlineData("echo \"$@\" ${name:-x} ${name%%,*}")]
    public void the_scan_lets_bash_3_2_forms_pass(string line) =>
        Assert.Empty(Bash32Scan.Problems(line));

    private static async Task AssertBash32Async(string name, string script)
    {
        Assert.True(Bash32Scan.Problems(script).Count == 0, name + ":\n" + string.Join("\n", Bash32Scan.Problems(script)));
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, script, TestContext.Current.CancellationToken);
            var start = new ProcessStartInfo("bash") { RedirectStandardError = true, ArgumentList = { "-n", path } };
            using var bash = Process.Start(start)!;
            var errors = await bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(bash.ExitCode == 0, $"{name}: bash -n: {errors}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

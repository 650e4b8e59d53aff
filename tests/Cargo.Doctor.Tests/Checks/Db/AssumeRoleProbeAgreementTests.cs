using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Sources.Probes;
using Cargo.Doctor.Tests.Checks.Probes;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Sources.Probes;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// The round-trip probe's "does not have ASSUMEROLE permission" error and db.assume-role-privilege
/// agree: the catalog check fails on the probe's evidence, both print the same GRANT, and the probe
/// points to the check.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AssumeRoleProbeAgreementTests
{
    private static readonly DoctorConfig Config = ProbeConfigs.WithRoundTrip(new DoctorConfig
    {
        Warehouse = new WarehouseConfig { Host = "example.redshift.amazonaws.com", Databases = ["dev"], User = "cargo_user" },
    });

    private static async Task<Dictionary<string, Finding>> RunAsync(FakeRedshiftExecutor fake, bool? functionSays)
    {
        var plan = ProbePlan.Create(Config, DateTimeOffset.UtcNow);
        var probes = await new ProbeRunner(plan, _ => Task.FromResult<(IProbeExecutor?, string?)>((fake, null))).RunAsync(TestContext.Current.CancellationToken);
        var facts = new FactsSnapshot
        {
            ToolVersion = "test",
            StartedAt = DateTimeOffset.UtcNow,
            Target = Cargo.Doctor.Sources.FactsCollector.Describe(Config),
            Probes = probes,
            Warehouse = new WarehouseFacts
            {
                CargoUser = "cargo_user",
                LoginUser = "cargo_user",
                User = new UserFacts { Exists = true },
                Databases = [new DatabaseFacts { Name = "dev", Connection = new ConnectionFacts { Succeeded = true, IsRedshift = true } }],
                Rbac = new RbacFacts { FunctionRole = "cargo_create_replace_function", RoleExists = true, RolePrivileges = [], CargoUserGroups = [] },
                AssumeRole = new AssumeRoleFacts
                {
                    CustomerRoleArn = ProbeConfigs.CustomerRole,
                    CargoRoleArn = ProbeConfigs.CargoRole,
                    Copy = functionSays,
                    Unload = functionSays,
                    Grants = [],
                },
            },
        };
        return new CheckRunner(WarehouseScenario.Catalog, RuleSet.All).Run(facts).ToDictionary(f => f.CheckId);
    }

    [Fact]
    public async Task probe_error_and_catalog_check_give_the_same_fix()
    {
        var findings = await RunAsync(new FakeRedshiftExecutor { FailOn = "UNLOAD", ErrorMessage = RedshiftErrorTexts.AssumeRolePermission }, functionSays: false);

        var check = findings[AssumeRolePrivilegeRule.Id];
        var probe = findings[CopyRoundTripProbeRule.Id];
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("does not have ASSUMEROLE permission", check.Summary);
        Assert.Equal(
            Assert.Single(probe.Remediation, r => r.Kind == "sql").Text,
            Assert.Single(check.Remediation, r => r.Kind == "sql").Text);
        Assert.Contains(probe.Details, d => d.Contains($"see {AssumeRolePrivilegeRule.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_round_trip_through_the_chain_is_a_pass_even_when_the_function_says_no()
    {
        var findings = await RunAsync(new FakeRedshiftExecutor(), functionSays: false);

        var check = findings[AssumeRolePrivilegeRule.Id];
        Assert.Equal(CheckStatus.Pass, check.Status);
        Assert.Contains(CopyRoundTripProbeRule.Id, check.Summary);
    }

    [Fact]
    public async Task without_the_probe_a_no_from_the_function_alone_warns_and_says_why()
    {
        var findings = await RunAsync(new FakeRedshiftExecutor { FailOn = "UNLOAD", ErrorMessage = RedshiftErrorTexts.S3AccessDenied }, functionSays: false);

        var check = findings[AssumeRolePrivilegeRule.Id];
        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains(check.Details, d => d.Contains("does not say how it treats a role chain", StringComparison.Ordinal));
        Assert.Single(check.Remediation, r => r.Kind == "sql");
    }
}

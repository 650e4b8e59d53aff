using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// db.assume-role-privilege against the emulated ASSUMEROLE control: the default (PUBLIC may use every
/// role), control switched on with nothing granted, the chain granted to the user, to a role it holds,
/// for one command only, and for one role of the chain only; seen from each kind of login.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class AssumeRolePrivilegeScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string CustomerRole = "arn:aws:iam::123456789012:role/cargo-redshift-access";
    private const string CargoRole = "arn:aws:iam::210987654321:role/cargo-data-loader";
    private const string Chain = CustomerRole + "," + CargoRole;

    private static string Describe(Finding f) => $"{f.Status}: {f.Summary}\n{string.Join("\n", f.Details)}";

    private static async Task<Finding> CheckAsync(WarehouseScenario scenario, LoginKind login = LoginKind.CargoUser)
    {
        var result = await scenario.CheckAsAsync(login, WithChain(scenario.Config("sales")));
        return result[AssumeRolePrivilegeRule.Id];
    }

    private static DoctorConfig WithChain(DoctorConfig config) => config with
    {
        Aws = config.Aws with { RoleArn = CustomerRole },
        Cargo = config.Cargo with { RoleArn = CargoRole },
    };

    private static Task GrantAsync(WarehouseScenario scenario, string chain, string grantee, string commands = "COPY,UNLOAD") =>
        scenario.AdminAsync($"SELECT rs_grant_assumerole({SqlQuote.Literal(chain)}, {SqlQuote.Literal(grantee)}, {SqlQuote.Literal(commands)})");

    private static Task RevokeFromPublicAsync(WarehouseScenario scenario) => scenario.AdminAsync("SELECT rs_revoke_assumerole_from_public()");

    [Fact]
    public async Task by_default_every_user_may_use_every_role()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var finding = await CheckAsync(scenario);

        Assert.True(finding.Status == CheckStatus.Pass, Describe(finding));
    }

    [Theory]
    [InlineData(LoginKind.CargoUser, CheckStatus.Warn)]
    [InlineData(LoginKind.Superuser, CheckStatus.Fail)]
    [InlineData(LoginKind.SystemTableAccess, CheckStatus.Unknown)]
    [InlineData(LoginKind.OtherUser, CheckStatus.Unknown)]
    public async Task revoked_from_public_and_not_granted_seen_from_each_login(LoginKind login, CheckStatus expected)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RevokeFromPublicAsync(scenario);

        var finding = await CheckAsync(scenario, login);

        Assert.True(finding.Status == expected, Describe(finding));
        if (expected != CheckStatus.Unknown)
        {
            var fix = Assert.Single(finding.Remediation, r => r.Kind == "sql");
            Assert.Equal($"GRANT ASSUMEROLE ON '{Chain}' TO {SqlQuote.Ident(scenario.User)} FOR COPY, UNLOAD;", fix.Text);
        }
    }

    [Fact]
    public async Task other_login_is_unknown_and_names_who_can_ask()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RevokeFromPublicAsync(scenario);

        var finding = await CheckAsync(scenario, LoginKind.OtherUser);

        Assert.True(finding.Status == CheckStatus.Unknown, Describe(finding));
        Assert.Contains("https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_ASSUMEROLE_PRIVILEGE.html", finding.Summary);
        Assert.Contains(finding.Details, d => d.Contains("as the Cargo user", StringComparison.Ordinal) && d.Contains("superuser", StringComparison.Ordinal));
        Assert.Contains(finding.Details, d => d.StartsWith("COPY granted via: not visible from this login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_printed_fix_works()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RevokeFromPublicAsync(scenario);
        var before = await CheckAsync(scenario, LoginKind.Superuser);
        Assert.True(before.Status == CheckStatus.Fail, Describe(before));

        await scenario.ApplyRemediationAsync(before);
        var after = await CheckAsync(scenario);

        Assert.True(after.Status == CheckStatus.Pass, Describe(after));
        Assert.Contains("COPY granted via: directly", after.Details);
        Assert.Contains("UNLOAD granted via: directly", after.Details);
    }

    [Theory]
    [InlineData(LoginKind.CargoUser)]
    [InlineData(LoginKind.Superuser)]
    public async Task granted_to_a_nested_role_passes_and_says_through_which(LoginKind login)
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RevokeFromPublicAsync(scenario);
        var (outer, inner) = (server.UniqueName("loaders"), server.UniqueName("s3_access"));
        await scenario.AdminAsync($"CREATE ROLE {SqlQuote.Ident(outer)} NOLOGIN");
        await scenario.AdminAsync($"CREATE ROLE {SqlQuote.Ident(inner)} NOLOGIN");
        await scenario.AdminAsync($"GRANT {SqlQuote.Ident(inner)} TO {SqlQuote.Ident(outer)}");
        await scenario.AdminAsync($"GRANT {SqlQuote.Ident(outer)} TO {SqlQuote.Ident(scenario.User)}");
        await GrantAsync(scenario, Chain, inner);

        var finding = await CheckAsync(scenario, login);

        Assert.True(finding.Status == CheckStatus.Pass, Describe(finding));
        Assert.Contains($"COPY granted via: role \"{inner}\" through role \"{outer}\"", finding.Details);
    }

    [Fact]
    public async Task granted_to_public_after_the_revoke_names_public()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RevokeFromPublicAsync(scenario);
        await GrantAsync(scenario, Chain, "public");

        var finding = await CheckAsync(scenario, LoginKind.Superuser);

        Assert.True(finding.Status == CheckStatus.Pass, Describe(finding));
        Assert.Contains("UNLOAD granted via: PUBLIC", finding.Details);
    }

    [Fact]
    public async Task granted_for_copy_only_fails_for_unload()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RevokeFromPublicAsync(scenario);
        await GrantAsync(scenario, Chain, scenario.User, "COPY");

        var finding = await CheckAsync(scenario, LoginKind.Superuser);

        Assert.True(finding.Status == CheckStatus.Fail, Describe(finding));
        Assert.EndsWith("may not use the chain for UNLOAD; svv_iam_privileges lists no grant of the chain for it", finding.Summary);
        Assert.Contains("COPY granted via: directly", finding.Details);
    }

    [Fact]
    public async Task a_grant_on_the_first_role_alone_does_not_cover_the_chain()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RevokeFromPublicAsync(scenario);
        await GrantAsync(scenario, CustomerRole, scenario.User);

        var finding = await CheckAsync(scenario, LoginKind.Superuser);

        Assert.True(finding.Status == CheckStatus.Fail, Describe(finding));
    }

    [Fact]
    public async Task a_superuser_cargo_user_always_holds_it()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await RevokeFromPublicAsync(scenario);
        await scenario.AdminAsync($"ALTER USER {SqlQuote.Ident(scenario.User)} SUPERUSER");

        var finding = await CheckAsync(scenario);

        Assert.True(finding.Status == CheckStatus.Pass, Describe(finding));
        Assert.Contains("superuser", finding.Summary);
    }

    [Fact]
    public async Task without_the_role_arns_it_is_skipped_and_says_which_flags()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var finding = (await scenario.CheckAsync("sales"))[AssumeRolePrivilegeRule.Id];

        Assert.Equal(CheckStatus.Skipped, finding.Status);
        Assert.Contains("--role-arn", finding.Summary);
        Assert.Contains("--cargo-role-arn", finding.Summary);
    }
}

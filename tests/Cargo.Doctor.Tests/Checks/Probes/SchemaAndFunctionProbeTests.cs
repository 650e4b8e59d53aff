using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Probes;

/// <summary>probe.schema-create and probe.function-create run for real, as the Cargo user, on PostgreSQL.</summary>
[Trait("Category", "Warehouse")]
public sealed class SchemaAndFunctionProbeTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task guide_setup_passes_both_probes_in_the_first_database()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var result = await scenario.CheckAsync();

        Assert.Equal(CheckStatus.Pass, result[SchemaCreateProbeRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[FunctionCreateProbeRule.Id].Status);
        Assert.Contains($"in \"{scenario.Database}\"", result[SchemaCreateProbeRule.Id].Summary);
        Assert.Contains(result[FunctionCreateProbeRule.Id].Details, d => d.Contains("returned 42", StringComparison.Ordinal));
        var probes = result.Facts.Probes!;
        Assert.Equal(scenario.Database, probes.Database);
        Assert.Equal(scenario.User, probes.User);
        Assert.StartsWith("cargo_doctor_", probes.ScratchSchema);
        Assert.Null(probes.CleanupError);
        Assert.Contains(probes.Statements, s => s.Sql.StartsWith($"COMMENT ON SCHEMA \"{probes.ScratchSchema}\" IS 'cargo-doctor scratch schema; created ", StringComparison.Ordinal));
        Assert.Contains(probes.Statements, s => s.Sql == $"DROP SCHEMA IF EXISTS \"{probes.ScratchSchema}\" RESTRICT");
    }

    [Fact]
    public async Task round_trip_is_skipped_without_bucket_and_roles()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var result = await scenario.CheckAsync();

        var roundTrip = result[CopyRoundTripProbeRule.Id];
        Assert.Equal(CheckStatus.Skipped, roundTrip.Status);
        Assert.Contains("--bucket", roundTrip.Summary);
        Assert.Contains("--cargo-role-arn", roundTrip.Summary);
    }

    [Fact]
    public async Task user_without_create_on_the_database_fails_schema_probe_with_the_grant()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales");
        await scenario.CreateFunctionRoleAsync();

        var result = await scenario.CheckAsync();

        var schema = result[SchemaCreateProbeRule.Id];
        Assert.Equal(CheckStatus.Fail, schema.Status);
        Assert.Contains("no CREATE privilege on the database", schema.Summary);
        Assert.Contains(schema.Details, d => d == "SQLSTATE: 42501");
        Assert.Contains(schema.Details, d => d.StartsWith("server message: permission denied for database", StringComparison.Ordinal));
        Assert.All(schema.Remediation, r => Assert.Equal("grant-database", r.Key));
        var fix = Assert.Single(schema.Remediation, r => r.Kind == "sql");
        Assert.Equal($"GRANT ALL ON DATABASE \"{scenario.Database}\" TO \"{scenario.User}\";", fix.Text);
        Assert.Equal(ProbeErrorCause.DatabaseCreatePermission, result.Facts.Probes![SchemaCreateProbeRule.Id]!.Error!.Cause);

        var function = result[FunctionCreateProbeRule.Id];
        Assert.Equal(CheckStatus.Skipped, function.Status);
        Assert.Contains(SchemaCreateProbeRule.Id, function.Summary);

        await scenario.ApplyRemediationAsync(schema);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync())[SchemaCreateProbeRule.Id].Status);
    }

    [Fact]
    public async Task user_without_the_function_role_fails_function_probe_with_the_role_fix()
    {
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales");
        await scenario.GrantDatabaseAsync();
        // Without the role a user still creates SQL functions through PUBLIC's default USAGE ON LANGUAGE SQL
        // (https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html): this warehouse revoked it.
        await scenario.AdminAsync("REVOKE USAGE ON LANGUAGE sql FROM PUBLIC");

        var result = await scenario.CheckAsync();

        Assert.Equal(CheckStatus.Pass, result[SchemaCreateProbeRule.Id].Status);
        var function = result[FunctionCreateProbeRule.Id];
        Assert.Equal(CheckStatus.Fail, function.Status);
        // Redshift's refusal text is not documented (the old emulation's "permission denied to create function" was
        // its own invention); the stand-in's PostgreSQL says "permission denied for language sql" (42501).
        Assert.Contains("create-function step failed", function.Summary);
        Assert.Contains(function.Details, d => d.StartsWith("server message: permission denied", StringComparison.Ordinal));
        // Which fix the probe points to depends on how the product reads Redshift's refusal text, which is not
        // documented (see the comment above): not asserted here.
        Assert.Equal(CheckStatus.Fail, result[FunctionRoleRule.Id].Status);

        await scenario.ApplyRemediationAsync(result[FunctionRoleRule.Id]);
        Assert.Equal(CheckStatus.Pass, (await scenario.CheckAsync())[FunctionCreateProbeRule.Id].Status);
    }

    [Fact]
    public async Task read_only_skips_every_probe_and_sends_nothing()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var config = ProbeConfigs.WithRoundTrip(scenario.Config("sales")) with { ReadOnly = true };

        var result = await scenario.CheckAsync(config);

        foreach (var id in ProbeIds.All)
        {
            Assert.Equal(CheckStatus.Skipped, result[id].Status);
            Assert.Contains("--read-only", result[id].Summary);
        }

        Assert.Empty(result.Facts.Probes!.Statements);
        Assert.All(result.Facts.Probes.Results, r => Assert.Equal(ProbeRunStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task admin_login_skips_every_probe_with_the_reason()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var config = scenario.Config("sales");

        var result = await scenario.CheckAsync(
            config with { Warehouse = config.Warehouse with { LoginUser = PostgresServer.AdminUser } }, PostgresServer.AdminPassword);

        foreach (var id in ProbeIds.All)
        {
            Assert.Equal(CheckStatus.Skipped, result[id].Status);
            Assert.Contains("only as the Cargo user", result[id].Summary);
        }

        Assert.Empty(result.Facts.Probes!.Statements);
    }

    [Fact]
    public async Task markdown_report_ends_with_every_probe_statement()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var result = await scenario.CheckAsync();

        var markdown = new MarkdownReportRenderer().Render(Report.Create(result.Facts, WarehouseScenario.Catalog, result.Findings, TimeSpan.FromSeconds(1)));

        var appendix = markdown[markdown.IndexOf("## Appendix: statements run by probes", StringComparison.Ordinal)..];
        Assert.DoesNotContain("\n## ", appendix[3..]);
        foreach (var statement in result.Facts.Probes!.Statements)
        {
            Assert.Contains(statement.Sql.Split('\n')[0], appendix);
        }

        Assert.Contains("`probe.function-create` in database", appendix);
        Assert.DoesNotContain(WarehouseScenario.Password, markdown);
    }
}

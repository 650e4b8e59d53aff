using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// setup.sql applied with psql, as an admin, to a fresh emulated warehouse (names with quotes, spaces,
/// unicode and <c>&lt;script&gt;</c>, two databases, a read-only schema), then checked by the real
/// tool: every db.* check passes, and a second run of the same file changes nothing. psql runs the file
/// through the Redshift stand-in's SQL path, which executes it with Redshift's semantics. The schema
/// name has upper-case letters, which exist on Redshift only where identifiers are case-sensitive
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html): psql's
/// sessions start with enable_case_sensitive_identifier true, as on such a cluster.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class SetupSqlRoundTripTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string CustomerRoleArn = "arn:aws:iam::123456789012:role/cargo-redshift-access";
    private const string CargoRoleArn = "arn:aws:iam::210987654321:role/cargo-data-loader";
    private const string Password = "Setup-Round-Trip-42";

    [Fact]
    public async Task setup_sql_applied_to_a_fresh_warehouse_passes_every_db_check_and_reruns_cleanly()
    {
        var warehouse = await FreshWarehouseAsync();
        var setup = await SetupCli.RunAsync(warehouse.SetupArgs);
        Assert.Contains(PasswordPlaceholderText, setup.Sql);

        // What a customer does: put a real password in place of the placeholder, then run the file.
        var file = Write(setup.Sql.Replace(PasswordPlaceholderText, SqlQuote.Literal(Password), StringComparison.Ordinal));
        await using var standIn = await Fixtures.RedshiftStandIn.RedshiftStandIn.StartAsync(server);
        var first = await Psql.RunFileAsync(standIn, "postgres", file, CaseSensitive);
        Assert.True(first.ExitCode == 0 && first.Errors.Count == 0 && first.Stderr.Length == 0, first.ToString());

        var result = await CheckAsync(warehouse);
        AssertEveryDbCheckPasses(result);

        // Re-run: Redshift has no IF NOT EXISTS for users and roles, so exactly those two statements
        // fail with "already exists"; every GRANT runs again without error.
        var second = await Psql.RunFileAsync(standIn, "postgres", file, CaseSensitive);
        Assert.True(second.Errors.Count == 2, second.ToString());
        Assert.All(second.Errors, e => Assert.Contains("already exists", e, StringComparison.Ordinal));
        Assert.Contains(second.Errors, e => e.Contains(warehouse.User, StringComparison.Ordinal));
        Assert.Contains(second.Errors, e => e.Contains(warehouse.FunctionRole, StringComparison.Ordinal));
        AssertEveryDbCheckPasses(await CheckAsync(warehouse));
    }

    [Fact]
    public async Task password_placeholder_left_unchanged_is_rejected_and_creates_no_user()
    {
        var warehouse = await FreshWarehouseAsync();
        var setup = await SetupCli.RunAsync(warehouse.SetupArgs);

        await using var standIn = await Fixtures.RedshiftStandIn.RedshiftStandIn.StartAsync(server);
        var run = await Psql.RunFileAsync(standIn, "postgres", Write(setup.Sql), CaseSensitive);

        // Redshift's password rules (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html), the stand-in's text.
        Assert.Contains(run.Errors, e => e.StartsWith("password must be 8 to 64 characters", StringComparison.Ordinal));
        await using var admin = await server.OpenAdminAsync("postgres");
        await using var query = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_catalog.pg_user WHERE usename = @u", admin);
        query.Parameters.AddWithValue("u", warehouse.User);
        Assert.Equal(0L, await query.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private const string PasswordPlaceholderText = "'<strong_password>'";

    private sealed record Warehouse(string MainDatabase, string OtherDatabase, string User, string FunctionRole, IReadOnlyList<SchemaTarget> Schemas)
    {
        public string[] SetupArgs =>
        [
            .. Schemas.SelectMany(s => new[] { "--schema", s.ToString() }),
            "--user", User, "--function-role", FunctionRole,
            "--role-arn", CustomerRoleArn, "--cargo-role-arn", CargoRoleArn,
        ];
    }

    /// <summary>Databases, schemas and tables exist (the customer's data); no Cargo user, role or grant yet.</summary>
    private async Task<Warehouse> FreshWarehouseAsync()
    {
        var main = server.UniqueName("ware'house \"ü\" <script>");
        var other = server.UniqueName("second = db");
        var salesSchema = "Sales \"EU\" <script>alert(1)</script>";
        var warehouse = new Warehouse(main, other, server.UniqueName("cargo \"user\" 'x' ü"), server.UniqueName("fn role <u>"),
            [new SchemaTarget(main, salesSchema, false), new SchemaTarget(main, "reference", true), new SchemaTarget(other, "analytics", false)]);
        foreach (var db in new[] { main, other })
        {
            await server.ExecuteAsync("postgres", $"CREATE DATABASE {SqlQuote.Ident(db)} TEMPLATE template1");
        }

        foreach (var schema in warehouse.Schemas)
        {
            var s = SqlQuote.Ident(schema.Schema);
            await server.ExecuteAsync(schema.Database, $"CREATE SCHEMA {s}; CREATE TABLE {s}.\"order \"\"items\"\" 日本\" (id int); CREATE TABLE {s}.plain (id int); CREATE VIEW {s}.recent AS SELECT id FROM {s}.plain;");
        }

        return warehouse;
    }

    /// <summary>The session setting of a cluster whose identifiers are case-sensitive (PGOPTIONS: the stand-in reads it at session start).</summary>
    private const string CaseSensitive = "-c " + Fixtures.RedshiftStandIn.RedshiftSqlPath.CaseSetting + "=true";

    private static string Write(string setupSql)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("setup-sql").FullName, "setup.sql");
        File.WriteAllText(path, setupSql);
        return path;
    }

    private async Task<CheckResult> CheckAsync(Warehouse warehouse)
    {
        var config = new DoctorConfig
        {
            Warehouse = new WarehouseConfig
            {
                Host = server.Host,
                Port = server.Port,
                Databases = [warehouse.MainDatabase, warehouse.OtherDatabase],
                Schemas = warehouse.Schemas,
                User = warehouse.User,
                FunctionRole = warehouse.FunctionRole,
            },
            Aws = new AwsConfig { RoleArn = CustomerRoleArn },
            Cargo = new CargoConfig { RoleArn = CargoRoleArn },
            ReadOnly = true,
        };
        var collector = new Cargo.Doctor.Sources.FactsCollector(config, Password);
        var facts = await collector.CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        return new CheckResult(facts, new Cargo.Doctor.Engine.CheckRunner(WarehouseScenario.Catalog, Cargo.Doctor.Rules.RuleSet.All).Run(facts), 0);
    }

    private static void AssertEveryDbCheckPasses(CheckResult result)
    {
        var db = result.Findings.Where(f => f.CheckId.StartsWith("db.", StringComparison.Ordinal)).ToList();
        Assert.Equal(WarehouseScenario.Catalog.Checks.Count(c => c.Id.StartsWith("db.", StringComparison.Ordinal)), db.Count);
        Assert.All(db, f => Assert.True(f.Status == CheckStatus.Pass, result.Describe() + "\n" + string.Join("\n", f.Details)));
    }
}

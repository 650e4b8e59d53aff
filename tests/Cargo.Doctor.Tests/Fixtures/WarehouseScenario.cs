using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// One test's warehouse: its own database, Cargo user and function role on the shared server,
/// set up the way the customer's guide says (or deliberately not), then checked by the real tool.
/// </summary>
public sealed class WarehouseScenario
{
    public const string Password = "cargo-Pa55word-Never-Printed";

    private WarehouseScenario(PostgresServer server, string database, string user, string role)
    {
        Server = server;
        Database = database;
        User = user;
        FunctionRole = role;
    }

    public PostgresServer Server { get; }

    public string Database { get; }

    public string User { get; }

    public string FunctionRole { get; }

    public static CheckCatalog Catalog { get; } = CatalogLoader.LoadDefault();

    /// <summary>An empty database and a Cargo user that can log in, nothing granted yet.</summary>
    public static async Task<WarehouseScenario> CreateAsync(
        PostgresServer server, string? database = null, string? user = null, string? role = null, bool createUser = true)
    {
        var scenario = new WarehouseScenario(
            server,
            database ?? server.UniqueName("warehouse"),
            user ?? server.UniqueName("cargo_user"),
            role ?? server.UniqueName("cargo_create_replace_function"));
        await server.ExecuteAsync("postgres", $"CREATE DATABASE {SqlQuote.Ident(scenario.Database)} TEMPLATE template1");
        if (createUser)
        {
            await scenario.AdminAsync($"CREATE USER {SqlQuote.Ident(scenario.User)} WITH LOGIN PASSWORD {SqlQuote.Literal(Password)}");
        }

        return scenario;
    }

    /// <summary>Everything the setup guide asks for, on the given schemas (each gets two tables and a view).</summary>
    public static async Task<WarehouseScenario> CreateReadyAsync(PostgresServer server, params string[] schemas)
    {
        var scenario = await CreateAsync(server);
        foreach (var schema in schemas.DefaultIfEmpty("sales"))
        {
            await scenario.CreateSchemaWithTablesAsync(schema);
            await scenario.GrantSchemaAsync(schema);
        }

        await scenario.GrantDatabaseAsync();
        await scenario.CreateFunctionRoleAsync();
        return scenario;
    }

    public string Quoted(string name) => SqlQuote.Ident(name);

    public Task AdminAsync(string sql) => Server.ExecuteAsync(Database, sql);

    public Task GrantDatabaseAsync() => AdminAsync($"GRANT ALL ON DATABASE {Quoted(Database)} TO {Quoted(User)}");

    public async Task CreateSchemaWithTablesAsync(string schema, params string[] tables)
    {
        var s = Quoted(schema);
        await AdminAsync($"CREATE SCHEMA {s}");
        foreach (var table in tables.Length == 0 ? ["orders", "customers"] : tables)
        {
            await AdminAsync($"CREATE TABLE {s}.{Quoted(table)} (id integer, note varchar(64))");
        }

        if (tables.Length == 0)
        {
            await AdminAsync($"CREATE VIEW {s}.\"recent_orders\" AS SELECT id FROM {s}.\"orders\"");
        }
    }

    /// <summary>The guide's schema grants, plus default privileges for tables the admin creates later.</summary>
    public async Task GrantSchemaAsync(string schema, bool defaults = true)
    {
        var (s, u) = (Quoted(schema), Quoted(User));
        await AdminAsync($"GRANT USAGE ON SCHEMA {s} TO {u}");
        await AdminAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {u}");
        if (defaults)
        {
            await AdminAsync($"ALTER DEFAULT PRIVILEGES FOR USER {Quoted(PostgresServer.AdminUser)} IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {u}");
        }
    }

    public async Task CreateFunctionRoleAsync(bool holdsPrivilege = true, bool grantToUser = true)
    {
        await AdminAsync($"CREATE ROLE {Quoted(FunctionRole)} NOLOGIN");
        if (holdsPrivilege)
        {
            await AdminAsync($"SELECT rs_grant_system_privilege('CREATE OR REPLACE FUNCTION', {SqlQuote.Literal(FunctionRole)})");
        }

        if (grantToUser)
        {
            await AdminAsync($"GRANT {Quoted(FunctionRole)} TO {Quoted(User)}");
        }
    }

    /// <summary>The config a customer would pass: this database, these schemas, this user.</summary>
    public DoctorConfig Config(params string[] schemas) => new()
    {
        Warehouse = new WarehouseConfig
        {
            Host = Server.Host,
            Port = Server.Port,
            Databases = [Database],
            Schemas = schemas.Select(s => s.Contains('.') || s.Contains(':') ? SchemaTarget.Parse(s) : new SchemaTarget(Database, s, false)).ToList(),
            User = User,
            FunctionRole = FunctionRole,
        },
    };

    public async Task<CheckResult> CheckAsync(DoctorConfig config, string? password = Password)
    {
        var collector = new FactsCollector(config, password);
        var facts = await collector.CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var findings = new CheckRunner(Catalog, RuleSet.All).Run(facts);
        return new CheckResult(facts, findings, collector.WarehouseLog?.Count ?? 0);
    }

    public Task<CheckResult> CheckAsync(params string[] schemas) => CheckAsync(Config(schemas.DefaultIfEmpty("sales").ToArray()));

    /// <summary>
    /// Runs a finding's SQL remediation as an admin through the Redshift stand-in's SQL path, which executes
    /// it with Redshift's semantics: proves the printed fix is valid, correctly quoted Redshift SQL that works.
    /// <paramref name="caseSensitive"/>: sessions with enable_case_sensitive_identifier true, for a warehouse
    /// whose names have upper-case letters (which Redshift keeps only then).
    /// </summary>
    public async Task ApplyRemediationAsync(Finding finding, bool caseSensitive = false)
    {
        await using var standIn = await RedshiftStandIn.RedshiftStandIn.StartAsync(Server);
        foreach (var step in finding.Remediation.Where(r => r.Kind == "sql"))
        {
            await (caseSensitive ? standIn.ExecuteCaseSensitiveAsync(Database, step.Text) : standIn.ExecuteAsync(Database, step.Text));
        }
    }
}

/// <summary>What one run of the tool produced.</summary>
public sealed record CheckResult(FactsSnapshot Facts, IReadOnlyList<Finding> Findings, int StatementCount)
{
    public Finding this[string checkId] => Findings.Single(f => f.CheckId == checkId);

    public string Describe() => string.Join("\n", Findings.Select(f => $"{f.CheckId}: {f.Status}: {f.Summary}"));
}

using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// setup.sql applied with psql to a warehouse that already holds customer state (other users and roles, their
/// grants, a role membership, default privileges, tables and views): a snapshot of every privilege (ACLs of
/// databases, schemas, relations and functions, default ACLs, the built-in defaults spelled out), role
/// membership, role and object, before and after. Nothing is revoked or dropped; every new grant or membership
/// is to the named user or function role, never to PUBLIC or anyone else. The file runs through the Redshift
/// stand-in's SQL path, as a customer runs it against Redshift.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class SetupSqlStatePreservationTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private const string Password = "Setup-State-Kept-42";

    [Fact]
    public async Task setup_sql_only_adds_grants_to_the_named_user_and_role()
    {
        var db = server.UniqueName("state db");
        var user = server.UniqueName("cargo user");
        var role = server.UniqueName("cargo fn");
        var etl = server.UniqueName("etl");
        var analysts = server.UniqueName("analysts");
        await server.ExecuteAsync("postgres", $"CREATE DATABASE {SqlQuote.Ident(db)} TEMPLATE template1");
        await server.ExecuteAsync("postgres", $"CREATE USER {SqlQuote.Ident(etl)} PASSWORD 'Etl-Pass-1234'; CREATE ROLE {SqlQuote.Ident(analysts)}; GRANT {SqlQuote.Ident(analysts)} TO {SqlQuote.Ident(etl)};");
        await server.ExecuteAsync(db, $"""
            CREATE SCHEMA sales; CREATE TABLE sales.orders (id int); CREATE VIEW sales.recent AS SELECT id FROM sales.orders;
            CREATE SCHEMA hr; CREATE TABLE hr.salaries (id int);
            GRANT USAGE ON SCHEMA sales TO {SqlQuote.Ident(etl)}; GRANT SELECT, INSERT ON sales.orders TO {SqlQuote.Ident(etl)};
            GRANT USAGE ON SCHEMA hr TO {SqlQuote.Ident(analysts)}; GRANT SELECT ON hr.salaries TO {SqlQuote.Ident(analysts)};
            ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO {SqlQuote.Ident(analysts)};
            CREATE FUNCTION sales.total() RETURNS int LANGUAGE sql AS 'SELECT 1';
            """);
        var before = await CatalogStateSnapshot.TakeAsync(server, db, [user, role, etl, analysts]);

        var setup = await SetupCli.RunAsync("--schema", $"{db}.sales", "--user", user, "--function-role", role);
        await using var standIn = await Fixtures.RedshiftStandIn.RedshiftStandIn.StartAsync(server);
        var run = await Psql.RunFileAsync(standIn, "postgres", Write(setup.Sql.Replace("'<strong_password>'", SqlQuote.Literal(Password), StringComparison.Ordinal)));
        Assert.True(run.ExitCode == 0 && run.Errors.Count == 0, run.ToString());

        var after = await CatalogStateSnapshot.TakeAsync(server, db, [user, role, etl, analysts]);
        Assert.Empty(CatalogStateSnapshot.Minus(before, after));
        var added = CatalogStateSnapshot.Minus(after, before);
        Assert.NotEmpty(added);
        Assert.All(added, line => Assert.True(CatalogStateSnapshot.Grantee(line) == user || CatalogStateSnapshot.Grantee(line) == role, $"granted to someone else: {line}"));
    }

    private static string Write(string setupSql)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("setup-sql-state").FullName, "setup.sql");
        File.WriteAllText(path, setupSql);
        return path;
    }
}

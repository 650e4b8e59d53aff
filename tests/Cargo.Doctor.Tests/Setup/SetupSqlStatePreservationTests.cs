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
        var before = await SnapshotAsync(db);

        var setup = await SetupCli.RunAsync("--schema", $"{db}.sales", "--user", user, "--function-role", role);
        await using var standIn = await Fixtures.RedshiftStandIn.RedshiftStandIn.StartAsync(server);
        var run = await Psql.RunFileAsync(standIn, "postgres", Write(setup.Sql.Replace("'<strong_password>'", SqlQuote.Literal(Password), StringComparison.Ordinal)));
        Assert.True(run.ExitCode == 0 && run.Errors.Count == 0, run.ToString());

        var after = await SnapshotAsync(db);
        Assert.Empty(Minus(before, after));
        var added = Minus(after, before);
        Assert.NotEmpty(added);
        Assert.All(added, line => Assert.True(Grantee(line) == user || Grantee(line) == role, $"granted to someone else: {line}"));
    }

    private static string Write(string setupSql)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("setup-sql-state").FullName, "setup.sql");
        File.WriteAllText(path, setupSql);
        return path;
    }

    /// <summary>The last field of a snapshot line: the grantee, the member, or the role.</summary>
    private static string Grantee(string line) => line.Split('|')[^1];

    private static List<string> Minus(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var rest = right.ToList();
        return left.Where(line => !rest.Remove(line)).ToList();
    }

    /// <summary>Every privilege, membership, role and object, one line each, ending with the name it is about.</summary>
    private async Task<List<string>> SnapshotAsync(string database)
    {
        const string Grantee = "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END";
        var lines = new List<string>();
        lines.AddRange(await QueryAsync("postgres", $"""
            SELECT 'database|' || d.datname || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_database d, pg_catalog.aclexplode(coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
            UNION ALL SELECT 'role|' || rolname FROM pg_catalog.pg_roles
            UNION ALL SELECT 'member|' || pg_catalog.pg_get_userbyid(m.roleid) || '|' || pg_catalog.pg_get_userbyid(m.member) FROM pg_catalog.pg_auth_members m
            """));
        lines.AddRange(await QueryAsync(database, $"""
            SELECT 'schema|' || n.nspname || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) a
            UNION ALL
            SELECT 'relation|' || c.oid::pg_catalog.regclass::text || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_class c, pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a
            WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
            UNION ALL
            SELECT 'function|' || p.oid::pg_catalog.regprocedure::text || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_proc p, pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
            UNION ALL
            SELECT 'default|' || pg_catalog.pg_get_userbyid(d.defaclrole) || '|' || coalesce(n.nspname, '') || '|' || d.defaclobjtype::text || '|' || a.privilege_type || '|' || {Grantee}
            FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace, pg_catalog.aclexplode(d.defaclacl) a
            UNION ALL
            SELECT 'object|' || c.relkind::text || '|' || c.oid::pg_catalog.regclass::text FROM pg_catalog.pg_class c
            """));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using var connection = await server.OpenAdminAsync(database);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}

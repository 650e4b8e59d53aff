using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// Issue 27: the granted-via table counts (relation-grant-counts.sql) read svv_relation_privileges
/// once per statement, not once per count. A view of that name ahead of pg_catalog on the
/// database's search_path records every read, then returns the stand-in's rows.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class RelationGrantCountsReadOnceTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task svv_relation_privileges_is_read_once_and_both_counts_are_right()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        foreach (var sql in new[]
        {
            "CREATE SCHEMA doctor_hook",
            "CREATE TABLE doctor_hook.reads (at timestamptz)",
            "CREATE FUNCTION doctor_hook.relation_privileges() RETURNS SETOF pg_catalog.svv_relation_privileges LANGUAGE plpgsql AS " +
                "$f$ BEGIN INSERT INTO doctor_hook.reads VALUES (clock_timestamp()); RETURN QUERY SELECT * FROM pg_catalog.svv_relation_privileges; END $f$",
            "CREATE VIEW doctor_hook.svv_relation_privileges AS SELECT * FROM doctor_hook.relation_privileges()",
            "GRANT USAGE ON SCHEMA doctor_hook TO PUBLIC",
            "GRANT SELECT, INSERT ON doctor_hook.reads TO PUBLIC",
            "GRANT SELECT ON doctor_hook.svv_relation_privileges TO PUBLIC",
            $"ALTER DATABASE {scenario.Quoted(scenario.Database)} SET search_path = doctor_hook, pg_catalog, public",
        })
        {
            await scenario.AdminAsync(sql);
        }

        var result = await scenario.CheckAsync();

        Assert.Equal(1L, await ReadsAsync(scenario.Database));
        // The per-grantee count and the "any grantee" count (3 of 3 tables covered) from that one read.
        Assert.Contains($"{scenario.Database}.sales: SELECT, INSERT, UPDATE, DELETE on 3 table(s) granted via: directly (3)", result["db.table-grants"].Details);
    }

    private async Task<long> ReadsAsync(string database)
    {
        await using var connection = await server.OpenAdminAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM doctor_hook.reads";
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}

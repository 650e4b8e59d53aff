using Cargo.Doctor.Quoting;
using Npgsql;

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// Waits inside PostgreSQL until a condition on the server's own state holds (pg_stat_activity,
/// pg_locks): one statement whose PL/pgSQL loop re-reads that state, so no test sleeps between client
/// round trips or measures elapsed time. (PostgreSQL offers no "wake me when another session does X"
/// except a lock, which the tests use as a gate where they can.) The loop gives up after
/// <see cref="HangGuardSeconds"/> with an error naming its condition: a hang guard, never the subject
/// of an assertion.
/// </summary>
public static class ServerState
{
    public const int HangGuardSeconds = 120;

    public static async Task WaitUntilAsync(PostgresServer server, string database, string condition)
    {
        await using var admin = await server.OpenAdminAsync(database);
        await WaitUntilAsync(admin, condition);
    }

    public static async Task WaitUntilAsync(NpgsqlConnection admin, string condition)
    {
        var sql = $"""
            DO $server_state$
            DECLARE give_up timestamptz := clock_timestamp() + interval '{HangGuardSeconds} seconds';
            BEGIN
              LOOP
                PERFORM pg_catalog.pg_stat_clear_snapshot();
                EXIT WHEN ({condition});
                IF clock_timestamp() > give_up THEN
                  RAISE EXCEPTION 'gave up waiting for: %', {SqlQuote.Literal(condition)};
                END IF;
                PERFORM pg_catalog.pg_sleep(0.01);
              END LOOP;
            END $server_state$
            """;
        await using var command = new NpgsqlCommand(sql, admin) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>An admin session of <paramref name="database"/> holding advisory lock <paramref name="key"/> (locks are per database) until disposed.</summary>
    public static async Task<NpgsqlConnection> HoldGateAsync(PostgresServer server, string database, long key)
    {
        var admin = await server.OpenAdminAsync(database);
        await using var command = new NpgsqlCommand($"SELECT pg_catalog.pg_advisory_lock({key})", admin);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return admin;
    }

    /// <summary>A condition: at least <paramref name="count"/> sessions of the cluster wait for advisory lock <paramref name="key"/>.</summary>
    public static string WaitingForGate(long key, int count = 1) =>
        $"(SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = {key}) >= {count}";
}

using System.Text.RegularExpressions;
using Cargo.Doctor.Quoting;
using Npgsql;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>
/// The stand-in's test helpers for Redshift SQL: run a script of Redshift statements through the SQL path,
/// start a stand-in over a cluster of its own (users are cluster-wide, so cases that all create the same
/// user cannot share the suite's server), reset that cluster between cases, and ask the emulation for
/// ASSUMEROLE grants.
/// </summary>
public sealed partial class RedshiftStandIn
{
    private PostgresProcess? _ownedCluster;

    /// <summary>
    /// A stand-in over a new, empty PostgreSQL cluster (with the emulation in template1) that it owns:
    /// disposing the stand-in stops the cluster.
    /// </summary>
    public static async Task<RedshiftStandIn> StartDedicatedAsync(Action<AwsWorld>? configure = null)
    {
        var cluster = new PostgresProcess();
        try
        {
            await cluster.EnsureStartedAsync();
            var standIn = await StartAsync(new PostgresServer(cluster), configure);
            standIn._ownedCluster = cluster;
            return standIn;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Back to an empty cluster: every database but postgres and the templates dropped, every role but the
    /// admin, PostgreSQL's own and the sys: roles dropped. Only for a stand-in from <see cref="StartDedicatedAsync"/>.
    /// </summary>
    public async Task ResetAsync()
    {
        if (_ownedCluster is null)
        {
            throw new InvalidOperationException("ResetAsync drops every database and role: only a stand-in from StartDedicatedAsync owns its cluster");
        }

        await using var admin = await _ownedCluster.OpenAdminAsync("postgres");
        foreach (var database in await NamesAsync(admin, "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')"))
        {
            await ExecuteRawAsync(admin, $"DROP DATABASE {SqlQuote.Ident(database)} WITH (FORCE)");
        }

        var roles = await NamesAsync(admin, $"SELECT rolname FROM pg_roles WHERE rolname !~ '^(pg_|sys:)' AND rolname <> {SqlQuote.Literal(PostgresProcess.AdminUser)}");
        if (roles.Count > 0)
        {
            var list = string.Join(", ", roles.Select(SqlQuote.Ident));
            foreach (var database in new[] { "postgres", "template1" })
            {
                await using var connection = await _ownedCluster.OpenAdminAsync(database);
                await ExecuteRawAsync(connection, $"DROP OWNED BY {list} CASCADE");
            }

            await ExecuteRawAsync(admin, $"DROP ROLE {list}");
        }
    }

    /// <summary>
    /// Runs a script of Redshift statements, one statement at a time, through the stand-in's SQL path over TLS
    /// as the given user; throws on the first error, naming the statement (passwords masked) and the server's message.
    /// </summary>
    public Task ExecuteAsync(string database, string redshiftSql, string user, string password) => ExecuteAsync(database, redshiftSql, user, password, false);

    /// <summary>The same, as the cluster's admin (a superuser).</summary>
    public Task ExecuteAsync(string database, string redshiftSql) => ExecuteAsync(database, redshiftSql, PostgresServer.AdminUser, PostgresServer.AdminPassword, false);

    /// <summary>
    /// The same as the admin, in sessions that start with enable_case_sensitive_identifier true, as on a cluster
    /// whose parameter group sets it: the only way a name with upper-case letters exists on Redshift
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html).
    /// </summary>
    public Task ExecuteCaseSensitiveAsync(string database, string redshiftSql) => ExecuteAsync(database, redshiftSql, PostgresServer.AdminUser, PostgresServer.AdminPassword, true);

    private async Task ExecuteAsync(string database, string redshiftSql, string user, string password, bool caseSensitive)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = database,
            Username = user,
            Password = password,
            SslMode = SslMode.Require,
            Pooling = false,
            IncludeErrorDetail = true,
            Timeout = 15,
            Options = caseSensitive ? $"-c {RedshiftSqlPath.CaseSetting}=true" : null,
        }.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in RedshiftLexer.Split(redshiftSql))
        {
            try
            {
                // A batch command is sent as written (Npgsql does not re-parse it), so Redshift's \' escapes reach the stand-in intact.
                await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(statement) } };
                await batch.ExecuteNonQueryAsync();
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"Redshift statement failed on the stand-in: {Masked(statement)}\n{e.SqlState}: {e.MessageText}", e);
            }
        }
    }

    /// <summary>
    /// HAS_ASSUMEROLE_PRIVILEGE(user, chain, command) asked of the emulation on an admin connection to the
    /// session's database: the one ASSUMEROLE model, shared with the SQL path's GRANT/REVOKE ASSUMEROLE.
    /// </summary>
    internal async Task<bool> HasAssumeRolePrivilegeAsync(string database, string user, string chain, string command)
    {
        await using var admin = await Upstream.OpenAdminAsync(database);
        await using var query = new NpgsqlCommand("SELECT pg_catalog.has_assumerole_privilege($1, $2, $3)", admin);
        query.Parameters.Add(new NpgsqlParameter { Value = user });
        query.Parameters.Add(new NpgsqlParameter { Value = chain });
        query.Parameters.Add(new NpgsqlParameter { Value = command });
        return (bool)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Writes a statement that failed through the stand-in into the emulation's SYS_QUERY_HISTORY
    /// (redshift-emulation.sql; an UNLOAD also into SYS_UNLOAD_HISTORY), with the error the client got: status 'failed', query_type from the
    /// statement's first word, times in UTC, on an admin connection to the session's database.
    /// </summary>
    internal async Task RecordFailureAsync(string database, string user, string? statement, string message)
    {
        if (statement is null || database.Length == 0)
        {
            return;
        }

        try
        {
            await InsertFailureAsync(database, user, statement, message);
        }
        catch (PostgresException e) when (e.SqlState is "42P01" or "3D000")
        {
            // A database made without the emulation (or dropped meanwhile) has no history to write to.
        }
    }

    /// <summary>
    /// Writes a COPY's rejected row into the emulation's SYS_LOAD_ERROR_DETAIL, tied to the failed COPY's
    /// SYS_QUERY_HISTORY row (the user's newest). file_name is the COPY's S3 path and line_number the line
    /// of all files read in key order: the stand-in sends them to PostgreSQL as one stream.
    /// </summary>
    internal async Task RecordLoadErrorAsync(string database, string user, CopyStatement copy, LoadError error)
    {
        try
        {
            await using var admin = await Upstream.OpenAdminAsync(database);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO pg_catalog.rs_load_error_detail (user_id, query_id, session_id, database_name, table_id, start_time, file_name, line_number, column_name, column_type, column_length, position, error_code, error_message) " +
                "SELECT r.oid::integer, (SELECT max(h.query_id) FROM pg_catalog.rs_query_history h WHERE h.user_id = r.oid::integer), 0, $2, " +
                "(SELECT max(c.oid)::integer FROM pg_catalog.pg_class c WHERE c.relname = $3), (now() AT TIME ZONE 'UTC'), $4, $5, $6, " +
                "(SELECT pg_catalog.format_type(a.atttypid, NULL) FROM pg_catalog.pg_attribute a WHERE a.attname = $6 AND a.attrelid = (SELECT max(c.oid) FROM pg_catalog.pg_class c WHERE c.relname = $3)), " +
                "NULL, 0, $7, $8 FROM pg_catalog.pg_roles r WHERE r.rolname = $1", admin);
            insert.Parameters.Add(new NpgsqlParameter { Value = user });
            insert.Parameters.Add(new NpgsqlParameter { Value = database });
            insert.Parameters.Add(new NpgsqlParameter { Value = copy.Table.Split('.')[^1].Trim('"') });
            insert.Parameters.Add(new NpgsqlParameter { Value = copy.S3Path });
            insert.Parameters.Add(new NpgsqlParameter { Value = error.Line });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)error.Column ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = error.Code });
            insert.Parameters.Add(new NpgsqlParameter { Value = error.Reason });
            await insert.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState is "42P01" or "3D000")
        {
            // A database made without the emulation has no history to write to.
        }
    }

    private async Task InsertFailureAsync(string database, string user, string statement, string message)
    {
        await using var admin = await Upstream.OpenAdminAsync(database);
        await using var insert = new NpgsqlCommand(
            "WITH q AS (INSERT INTO pg_catalog.rs_query_history (user_id, session_id, database_name, query_type, status, start_time, end_time, error_message, query_text) " +
            "SELECT r.oid::integer, 0, $2, $3, 'failed', (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'), $4, $5 FROM pg_catalog.pg_roles r WHERE r.rolname = $1 " +
            "RETURNING user_id, query_id, session_id, database_name, query_type, start_time, end_time, error_message) " +
            // A failed UNLOAD is also an 'aborted' row of SYS_UNLOAD_HISTORY (https://docs.aws.amazon.com/redshift/latest/dg/SYS_UNLOAD_HISTORY.html).
            "INSERT INTO pg_catalog.rs_unload_history (user_id, query_id, session_id, database_name, status, start_time, end_time, duration, unloaded_rows, unloaded_files_count, unloaded_files_size, error_message) " +
            "SELECT q.user_id, q.query_id, q.session_id, q.database_name, 'aborted', q.start_time, q.end_time, 0, 0, 0, 0, q.error_message FROM q WHERE q.query_type = 'UNLOAD'", admin);
        insert.Parameters.Add(new NpgsqlParameter { Value = user });
        insert.Parameters.Add(new NpgsqlParameter { Value = database });
        insert.Parameters.Add(new NpgsqlParameter { Value = QueryType(statement) });
        insert.Parameters.Add(new NpgsqlParameter { Value = message });
        insert.Parameters.Add(new NpgsqlParameter { Value = statement });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>SYS_QUERY_HISTORY's query_type values: SELECT, INSERT, UPDATE, UNLOAD, COPY, COMMAND, DDL, UTILITY, CTAS, OTHER.</summary>
    private static string QueryType(string statement) => statement.TrimStart().Split((char[])[' ', '\n', '\t', '('], 2)[0].ToUpperInvariant() switch
    {
        "SELECT" or "WITH" => "SELECT",
        "INSERT" => "INSERT",
        "UPDATE" or "DELETE" => "UPDATE",
        "UNLOAD" => "UNLOAD",
        "COPY" => "COPY",
        "CREATE" or "DROP" or "ALTER" or "GRANT" or "REVOKE" => "DDL",
        _ => "OTHER",
    };

    private static string Masked(string statement) => PasswordLiteral().Replace(statement, "PASSWORD '***'");

    [GeneratedRegex(@"PASSWORD\s+'(?:[^']|'')*'", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordLiteral();

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteRawAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

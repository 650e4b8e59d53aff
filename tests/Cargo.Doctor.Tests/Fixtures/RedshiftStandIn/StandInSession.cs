using System.Net.Security;
using System.Net.Sockets;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>
/// One client connection of the stand-in. Startup: answers SSLRequest with 'S' and terminates TLS,
/// GSSENCRequest with 'N', forwards CancelRequest raw, relays the StartupMessage and the SASL exchange
/// byte for byte (upstream is plaintext loopback, so PostgreSQL offers SCRAM-SHA-256 without -PLUS
/// and channel binding never refers to the stand-in's certificate). Then lockstep: client messages up to
/// Sync/Query, one rewrite of the Parse/Query text when it is an UNLOAD or COPY from S3, server messages
/// up to ReadyForQuery (https://www.postgresql.org/docs/15/protocol-flow.html).
/// </summary>
internal sealed class StandInSession(RedshiftStandIn host, TcpClient tcp)
{
    private const int CopyChunk = 64 * 1024;

    private Stream _client = tcp.GetStream();
    private Stream _server = Stream.Null;
    private string _user = "";
    private string _database = "";

    /// <summary>The text of the batch being run, as the client sent it (null for a batch without Parse/Query).</summary>
    private string? _sentText;

    /// <summary>The session's enable_case_sensitive_identifier, as PostgreSQL holds it (read at start and after each SET/RESET).</summary>
    private bool _caseSensitive;

    public async Task RunAsync(CancellationToken ct)
    {
        using var upstream = new TcpClient();
        try
        {
            var startup = await NegotiateAsync(ct);
            if (startup is null)
            {
                return;
            }

            var parameters = PgFrames.StartupParameters(startup);
            _user = parameters.GetValueOrDefault("user", "");
            _database = parameters.GetValueOrDefault("database", _user);
            await upstream.ConnectAsync(host.Upstream.Host, host.Upstream.Port, ct);
            _server = upstream.GetStream();
            await _server.WriteAsync(startup, ct);
            if (!await RelayAuthenticationAsync(ct))
            {
                return;
            }

            await ReadCaseSettingAsync(ct);

            while (await NextBatchAsync(ct) is { } batch)
            {
                if (batch[^1].Kind == 'X')
                {
                    await PgFrames.WriteAsync(_server, batch, ct);
                    return;
                }

                await RunBatchAsync(batch, ct);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or SocketException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException || e is IOException { InnerException: SocketException } || (e is IOException && e.Message.Contains("closed", StringComparison.OrdinalIgnoreCase)))
        {
            // The client or the server went away: nothing to relay any more.
        }
        catch (Exception e)
        {
            host.Fault(e);
        }
        finally
        {
            await _client.DisposeAsync();
            tcp.Dispose();
        }
    }

    /// <summary>SSL/GSS negotiation; the StartupMessage, or null after a cancel request or at end of stream.</summary>
    private async Task<byte[]?> NegotiateAsync(CancellationToken ct)
    {
        while (await PgFrames.ReadStartupAsync(_client, ct) is { } packet)
        {
            switch (PgFrames.StartupCode(packet))
            {
                case PgFrames.SslRequestCode when _client is not SslStream:
                    await _client.WriteAsync("S"u8.ToArray(), ct);
                    var tls = new SslStream(_client);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = host.Certificate }, ct);
                    _client = tls;
                    break;
                case PgFrames.GssEncRequestCode:
                    await _client.WriteAsync("N"u8.ToArray(), ct);
                    break;
                case PgFrames.CancelRequestCode:
                    await host.ForwardCancelAsync(packet);
                    return null;
                case PgFrames.ProtocolVersion3:
                    return packet;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Relays authentication: every request that needs an answer (password, SASL, SASL continue) gets the client's next message.</summary>
    private async Task<bool> RelayAuthenticationAsync(CancellationToken ct)
    {
        while (await PgFrames.ReadAsync(_server, ct) is { } message)
        {
            await PgFrames.WriteAsync(_client, message, ct);
            switch (message.Kind)
            {
                case 'R' when PgFrames.AuthenticationCode(message) is 3 or 5 or 10 or 11:
                    var answer = await PgFrames.ReadAsync(_client, ct);
                    if (answer is null)
                    {
                        return false;
                    }

                    await PgFrames.WriteAsync(_server, answer.Value, ct);
                    break;
                case 'E':
                    return false;
                case 'Z':
                    return true;
            }
        }

        return false;
    }

    /// <summary>Client messages up to and including Sync, Query, FunctionCall or Terminate.</summary>
    private async Task<List<PgMessage>?> NextBatchAsync(CancellationToken ct)
    {
        var batch = new List<PgMessage>();
        while (await PgFrames.ReadAsync(_client, ct) is { } message)
        {
            batch.Add(message);
            if (message.Kind is 'S' or 'Q' or 'F' or 'X')
            {
                return batch;
            }
        }

        return null;
    }

    private async Task RunBatchAsync(List<PgMessage> batch, CancellationToken ct)
    {
        // The statement as the client sent it, for the history of failed statements.
        _sentText = batch.LastOrDefault(m => m.Kind is 'P' or 'Q') is { Kind: 'P' or 'Q' } sent ? PgFrames.QueryText(sent) : null;
        var plan = Plan(batch);
        if (plan is null)
        {
            var (translated, touched) = TranslateSqlPath(batch);
            await PgFrames.WriteAsync(_server, batch, ct);
            await RelayAsync(null, null, ct, rewritten: translated);
            if (touched)
            {
                await ReadCaseSettingAsync(ct);
            }

            return;
        }

        var (index, text, statement, error) = plan.Value;
        if (statement is not null)
        {
            host.BeforeStatement?.Invoke(statement);
        }

        if (error is null)
        {
            var granted = await host.HasAssumeRolePrivilegeAsync(_database, _user, statement!.RoleChain, statement.Command);
            error = RoleChainAuthorizer.Check(host.World, host.S3, statement, _user, granted);
        }

        var sql = error is not null ? PostgresRewrite.Raise(error)
            : statement is UnloadStatement unload ? PostgresRewrite.Unload(unload)
            : PostgresRewrite.Copy((CopyStatement)statement!);
        host.Record(new StandInStatement(_user, text, sql, error?.Kind));
        batch[index] = PgFrames.WithQueryText(batch[index], sql);

        var copy = error is null ? statement as CopyStatement : null;
        PgMessage? heldSync = null;
        if (copy is not null && batch[^1].Kind == 'S')
        {
            // PostgreSQL ignores a Sync during copy-in: hold it until the data and CopyDone are sent.
            heldSync = batch[^1];
            batch.RemoveAt(batch.Count - 1);
        }

        await PgFrames.WriteAsync(_server, batch, ct);
        await RelayAsync(error is null ? statement : null, heldSync, ct, rewritten: true);
    }

    /// <summary>
    /// The SQL path: every Parse/Query text of the batch goes through <see cref="RedshiftSqlPath"/>; a refused
    /// statement becomes a DO block raising its error, so PostgreSQL answers it like any failed statement.
    /// </summary>
    private (bool Translated, bool CaseSettingTouched) TranslateSqlPath(List<PgMessage> batch)
    {
        var (translated, touched) = (false, false);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Kind is not ('P' or 'Q'))
            {
                continue;
            }

            string sql;
            try
            {
                var translation = RedshiftSqlPath.TranslateText(PgFrames.QueryText(batch[i]), _caseSensitive);
                (sql, translated, touched) = (translation.Sql, translated || translation.Translated, touched || translation.CaseSettingTouched);
            }
            catch (StatementRejectedException e)
            {
                (sql, translated) = (PostgresRewrite.Raise(e.Error), true);
            }

            batch[i] = PgFrames.WithQueryText(batch[i], sql);
        }

        return (translated, touched);
    }

    /// <summary>
    /// Reads enable_case_sensitive_identifier from the upstream session with a Query of its own, not shown to the
    /// client. A session starts with the per-user value (ALTER USER u SET enable_case_sensitive_identifier TO true
    /// is ALTER ROLE ... SET on the placeholder); in a failed transaction the read fails and the last value stays.
    /// </summary>
    private async Task ReadCaseSettingAsync(CancellationToken ct)
    {
        await PgFrames.WriteAsync(_server, PgFrames.Query($"SELECT pg_catalog.current_setting('{RedshiftSqlPath.CaseSetting}', true)"), ct);
        while (await PgFrames.ReadAsync(_server, ct) is { } message)
        {
            if (message.Kind == 'D')
            {
                _caseSensitive = string.Equals(PgFrames.FirstColumn(message), "true", StringComparison.Ordinal);
            }
            else if (message.Kind == 'Z')
            {
                return;
            }
        }

        throw new IOException("PostgreSQL closed the connection");
    }

    /// <summary>The one UNLOAD/COPY-from-S3 in the batch (index of its message, text, parsed statement or refusal); null when there is none.</summary>
    private static (int Index, string Text, RedshiftStatement? Statement, RedshiftError? Error)? Plan(List<PgMessage> batch)
    {
        var found = new List<(int, string, RedshiftStatement?, RedshiftError?)>();
        var queries = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Kind is not ('P' or 'Q'))
            {
                continue;
            }

            queries++;
            var text = PgFrames.QueryText(batch[i]);
            try
            {
                if (RedshiftStatement.Parse(text) is { } statement)
                {
                    found.Add((i, text, statement, null));
                }
            }
            catch (StatementRejectedException e) when (StartsWithUnloadOrCopy(text))
            {
                found.Add((i, text, null, e.Error));
            }
            catch (StatementRejectedException)
            {
                // Not an UNLOAD/COPY (e.g. an unterminated literal elsewhere): the SQL path answers it.
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        return queries == 1
            ? found[0]
            : found[0] with { Item3 = null, Item4 = RedshiftErrors.NotEmulated("UNLOAD/COPY sent in one batch with other statements") };
    }

    private static bool StartsWithUnloadOrCopy(string text)
    {
        var start = text.TrimStart();
        return start.StartsWith("UNLOAD", StringComparison.OrdinalIgnoreCase) || start.StartsWith("COPY", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Server messages to the client up to ReadyForQuery. For a rewritten UNLOAD the COPY-out stream goes
    /// to S3 and the tag becomes UNLOAD; for a rewritten COPY the S3 objects are sent as COPY-in data;
    /// a client's own COPY FROM STDIN is relayed both ways.
    /// </summary>
    private async Task RelayAsync(RedshiftStatement? statement, PgMessage? heldSync, CancellationToken ct, bool rewritten = false)
    {
        var rows = new List<byte[]>();
        var unloading = false;
        while (await PgFrames.ReadAsync(_server, ct) is { } message)
        {
            switch (message.Kind)
            {
                case 'G' when statement is CopyStatement copy:
                    await SendCopyDataAsync(PostgresRewrite.CopyInput(host.S3, copy), ct);
                    heldSync = await ReleaseAsync(heldSync, ct);
                    continue;
                case 'G':
                    await PgFrames.WriteAsync(_client, message, ct);
                    await PumpClientCopyAsync(ct);
                    continue;
                case 'H' when statement is UnloadStatement:
                    unloading = true;
                    continue;
                case 'd' when unloading:
                    rows.Add(message.Body);
                    continue;
                case 'c' when unloading:
                    continue;
                case 'C' when unloading && statement is UnloadStatement unload:
                    WriteUnload(unload, rows);
                    unloading = false;
                    await PgFrames.WriteAsync(_client, PgFrames.CommandComplete("UNLOAD"), ct);
                    continue;
                case 'E' when statement is CopyStatement copy && LoadErrors.IsDataError(Field(message, 'C')):
                    // A bad value in the file: Redshift rejects the load with its own message and writes the
                    // reason to SYS_LOAD_ERROR_DETAIL (https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html).
                    var failed = LoadErrors.LoadFailed(copy.Table);
                    await host.RecordFailureAsync(_database, _user, _sentText, failed.Message);
                    await host.RecordLoadErrorAsync(_database, _user, copy, LoadErrors.From(Field(message, 'C')!, Field(message, 'M') ?? "", Field(message, 'W')));
                    await PgFrames.WriteAsync(_client, PgFrames.Error(failed.SqlState, failed.Message), ct);
                    heldSync = await ReleaseAsync(heldSync, ct);
                    continue;
                case 'E':
                    // Recorded before the client sees the error: a read right after it finds the row.
                    await host.RecordFailureAsync(_database, _user, _sentText, PgFrames.Fields(message).FirstOrDefault(f => f.Code == 'M').Value ?? "");
                    await PgFrames.WriteAsync(_client, rewritten ? PgFrames.WithoutFields(message, 'W') : message, ct);
                    heldSync = await ReleaseAsync(heldSync, ct);
                    continue;
                case 'Z':
                    await PgFrames.WriteAsync(_client, message, ct);
                    return;
                default:
                    await PgFrames.WriteAsync(_client, message, ct);
                    continue;
            }
        }

        throw new IOException("PostgreSQL closed the connection");
    }

    private static string? Field(PgMessage error, char code) => PgFrames.Fields(error).Where(f => f.Code == code).Select(f => f.Value).FirstOrDefault();

    private void WriteUnload(UnloadStatement unload, List<byte[]> rows)
    {
        if (unload.CleanPath)
        {
            foreach (var key in host.S3.List(unload.Bucket, unload.KeyPrefix))
            {
                host.S3.Delete(unload.Bucket, key);
            }
        }

        foreach (var (key, content) in PostgresRewrite.UnloadObjects(unload, rows, host.World.Slices))
        {
            host.S3.Put(unload.Bucket, key, content);
        }
    }

    private async Task SendCopyDataAsync(byte[] data, CancellationToken ct)
    {
        var messages = new List<PgMessage>();
        for (var offset = 0; offset < data.Length; offset += CopyChunk)
        {
            messages.Add(PgFrames.CopyData(data.AsSpan(offset, Math.Min(CopyChunk, data.Length - offset))));
        }

        messages.Add(PgFrames.CopyDone);
        await PgFrames.WriteAsync(_server, messages, ct);
    }

    private async Task<PgMessage?> ReleaseAsync(PgMessage? heldSync, CancellationToken ct)
    {
        if (heldSync is { } sync)
        {
            await PgFrames.WriteAsync(_server, sync, ct);
        }

        return null;
    }

    /// <summary>The client's own COPY FROM STDIN: its CopyData up to CopyDone or CopyFail go to PostgreSQL.</summary>
    private async Task PumpClientCopyAsync(CancellationToken ct)
    {
        while (await PgFrames.ReadAsync(_client, ct) is { } message)
        {
            await PgFrames.WriteAsync(_server, message, ct);
            if (message.Kind is 'c' or 'f')
            {
                return;
            }
        }
    }
}

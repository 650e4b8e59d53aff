using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>Opens one connection per database; a failure becomes <see cref="ConnectionFacts"/>, not an exception.</summary>
public sealed class WarehouseConnector(WarehouseConfig config, string? password, StatementLog log)
{
    public string LoginUser => config.LoginUser ?? config.User;

    public async Task<(WarehouseSession? Session, ConnectionFacts Facts)> OpenAsync(string database, CancellationToken ct)
    {
        // The one validation step makes sure a host is configured before any source runs.
        var host = config.Host ?? throw new InvalidOperationException("no warehouse host configured");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = config.Port,
            Database = database,
            Username = LoginUser,
            Password = password,
            SslMode = ToNpgsql(config.SslMode),
            Timeout = config.ConnectTimeoutSeconds,
            CommandTimeout = config.CommandTimeoutSeconds,
            Pooling = false,
            ApplicationName = "cargo-doctor",
            // Redshift puts the role, the S3 key and its code in an error's DETAIL, which Npgsql redacts
            // unless asked (https://www.npgsql.org/doc/connection-string-parameters.html). No secret of
            // ours can be in it: the password goes only in the login, and no statement carries one.
            IncludeErrorDetail = true,
            // The tool logs in with a password over TLS. Npgsql's default GSS encryption mode (prefer, as
            // libpq's gssencmode: https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-GSSENCMODE,
            // https://www.npgsql.org/doc/connection-string-parameters.html) may open a first connection for
            // GSSAPI and then a second without it: two connection attempts where the tool promises one.
            GssEncryptionMode = GssEncryptionMode.Disable,
        };

        var sslNegotiated = false;
        // The slim builder carries only what it is asked for, so the published binary can be trimmed and
        // compiled ahead of time (https://www.npgsql.org/doc/release-notes/8.0.html#nativeaot-and-trimming-support):
        // TLS must be enabled explicitly; the catalog queries read only basic types (text, bool, int),
        // which it always has.
        var dataSourceBuilder = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString);
        dataSourceBuilder.EnableTransportSecurity();
        // Redshift cannot answer Npgsql's type-loading queries; the tool reads only basic types.
        dataSourceBuilder.ConfigureTypeLoading(t => t.EnableTypeLoading(false));
        // Npgsql calls this only when the server agreed to TLS: that is "SSL in use".
        dataSourceBuilder.UseSslClientAuthenticationOptionsCallback(_ => sslNegotiated = true);
        var dataSource = dataSourceBuilder.Build();
        var connection = dataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
        {
            await connection.DisposeAsync();
            await dataSource.DisposeAsync();
            var (kind, message) = ConnectionFailure.Classify(e, host, config.Port, database, LoginUser);
            return (null, new ConnectionFacts { Succeeded = false, FailureKind = kind, FailureMessage = message });
        }

        var version = connection.PostgreSqlVersion.ToString();
        return (new WarehouseSession(connection, dataSource, log), new ConnectionFacts
        {
            Succeeded = true,
            ServerVersion = version,
            SslInUse = sslNegotiated,
        });
    }

    /// <summary>The parsed --sslmode in Npgsql's terms (same names as libpq's).</summary>
    public static SslMode ToNpgsql(WarehouseSslMode mode) => mode switch
    {
        WarehouseSslMode.Disable => SslMode.Disable,
        WarehouseSslMode.Allow => SslMode.Allow,
        WarehouseSslMode.Prefer => SslMode.Prefer,
        WarehouseSslMode.Require => SslMode.Require,
        WarehouseSslMode.VerifyCa => SslMode.VerifyCA,
        WarehouseSslMode.VerifyFull => SslMode.VerifyFull,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}

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
        var host = config.Host ?? throw new ConfigException("no warehouse host: pass --endpoint host:port/database");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = config.Port,
            Database = database,
            Username = LoginUser,
            Password = password,
            SslMode = ParseSslMode(config.SslMode),
            Timeout = config.ConnectTimeoutSeconds,
            CommandTimeout = config.CommandTimeoutSeconds,
            Pooling = false,
            ApplicationName = "cargo-doctor",
            // Redshift puts the role, the S3 key and its code in an error's DETAIL, which Npgsql redacts
            // unless asked (https://www.npgsql.org/doc/connection-string-parameters.html). No secret of
            // ours can be in it: the password goes only in the login, and no statement carries one.
            IncludeErrorDetail = true,
        };

        var sslNegotiated = false;
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString);
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

    public static SslMode ParseSslMode(string text) => text.Trim().ToLowerInvariant() switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new ConfigException($"--sslmode '{text}': use disable, allow, prefer, require, verify-ca or verify-full"),
    };
}

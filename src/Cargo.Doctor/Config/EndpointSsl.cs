namespace Cargo.Doctor.Config;

/// <summary>
/// The TLS settings of an endpoint URL, honoured, never dropped: <c>sslmode</c> (libpq's values,
/// https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-SSLMODE, also the
/// Redshift JDBC driver's SSLMode, https://docs.aws.amazon.com/redshift/latest/mgmt/jdbc20-configuration-options.html)
/// and <c>ssl</c>. <c>ssl=true</c> alone is refused: the Redshift JDBC driver then verifies the CA
/// (SSLMode defaults to verify-ca, same page), PgJDBC verifies the host too
/// (https://jdbc.postgresql.org/documentation/use/#connection-parameters), libpq has no such key;
/// guessing could weaken what the user meant. Any other ssl* key (sslrootcert, sslfactory…) is refused
/// rather than ignored.
/// </summary>
internal static class EndpointSsl
{
    private const string SslModeKey = "sslmode";
    private const string SslKey = "ssl";

    public static WarehouseSslMode? ModeOf(IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        WarehouseSslMode? mode = null;
        bool? ssl = null;
        foreach (var (key, value) in properties)
        {
            if (key.Equals(SslModeKey, StringComparison.OrdinalIgnoreCase))
            {
                if (!WarehouseSslModes.TryParse(value, out var parsed))
                {
                    var shown = value.All(c => char.IsAsciiLetter(c) || c == '-') ? $"'{value}'" : "its value";
                    throw new ConfigException($"endpoint: sslmode {shown} is not one of {string.Join(", ", WarehouseSslModes.Names)}");
                }

                mode = mode is { } earlier && earlier != parsed
                    ? throw new ConfigException("endpoint: sslmode is given twice with different values")
                    : parsed;
            }
            else if (key.Equals(SslKey, StringComparison.OrdinalIgnoreCase))
            {
                ssl = value.Trim().ToLowerInvariant() switch
                {
                    "true" or "1" or "yes" or "on" => true,
                    "false" or "0" or "no" or "off" => false,
                    _ => throw new ConfigException("endpoint: ssl must be true or false"),
                };
            }
            else if (key.StartsWith(SslKey, StringComparison.OrdinalIgnoreCase) && key.All(char.IsAsciiLetterOrDigit))
            {
                throw new ConfigException($"endpoint: '{key}' is not supported in the endpoint; only sslmode is (or use --sslmode)");
            }
        }

        return (ssl, mode) switch
        {
            (null, _) => mode,
            (false, null or WarehouseSslMode.Disable) => WarehouseSslMode.Disable,
            (false, _) => throw new ConfigException("endpoint: ssl=false contradicts sslmode=" + mode!.Value.Text()),
            (true, null) => throw new ConfigException("endpoint: ssl=true does not say how the server is verified: add sslmode=require, verify-ca or verify-full (or use --sslmode)"),
            (true, WarehouseSslMode.Disable or WarehouseSslMode.Allow or WarehouseSslMode.Prefer) => throw new ConfigException("endpoint: ssl=true contradicts sslmode=" + mode.Value.Text()),
            (true, _) => mode,
        };
    }
}

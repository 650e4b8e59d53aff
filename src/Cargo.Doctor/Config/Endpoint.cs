using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Cargo.Doctor.Config;

/// <summary>
/// The console's endpoint string, <c>host:port/database</c>, also as a URL
/// (<c>jdbc:redshift://</c>, <c>redshift://</c>, <c>postgresql://</c>, <c>postgres://</c>), without
/// port or database, or with an IPv6 address in brackets (<c>[::1]:5439/dev</c>).
/// A password in it (<c>user:PASSWORD@host</c>, <c>?password=</c>, <c>;PWD=</c>) is refused without
/// repeating it: the password comes only from the environment or a prompt.
/// </summary>
/// <param name="User">The user named in the URL (<c>user@host</c> or <c>?user=</c>), if any.</param>
/// <param name="SslMode">The URL's <c>sslmode</c> (or <c>ssl=false</c>), honoured like --sslmode; null when it names none.</param>
public sealed partial record Endpoint(string Host, int? Port, string? Database, string? User = null, WarehouseSslMode? SslMode = null)
{
    // JDBC URL forms, properties after '?' joined by '&' or after ';':
    // https://docs.aws.amazon.com/redshift/latest/mgmt/jdbc20-build-connection-url.html
    // libpq URIs, postgresql://user:password@host:port/dbname?param=value:
    // https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS
    private static readonly string[] Schemes = ["jdbc:redshift://", "jdbc:postgresql://", "redshift://", "postgresql://", "postgres://"];

    // Property keys that carry a secret: password, pwd, passwd, and the Redshift JDBC IAM keys
    // SecretAccessKey, AccessKeyID and SessionToken (jdbc20-configuration-options.html).
    private static readonly string[] SecretKeyParts = ["pass", "pwd", "secret", "token", "accesskey"];

    private static readonly string[] UserKeys = ["user", "uid", "username"];

    private const string PasswordRefused =
        "the endpoint contains a password: remove it and set CARGO_DOCTOR_PASSWORD (or PGPASSWORD) instead";

    /// <summary>The host as a URL authority writes it: IPv6 addresses in brackets.</summary>
    public static string HostForDisplay(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    /// <summary>The user named in the URL logs in (like --login-user) when it is not the Cargo user itself.</summary>
    public string? LoginUserFor(string cargoUser) => User is { } user && user != cargoUser ? user : null;

    public static Endpoint Parse(string text)
    {
        // Checked before anything echoes the text back: a password must never be repeated.
        if (ContainsPassword(text))
        {
            throw new ConfigException(PasswordRefused);
        }

        if (text.Any(char.IsControl))
        {
            throw new ConfigException("the endpoint contains a control character");
        }

        var rest = text.Trim();
        var scheme = Schemes.FirstOrDefault(s => rest.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (scheme is not null)
        {
            rest = rest[scheme.Length..];
        }
        else if (rest.Contains("://", StringComparison.Ordinal))
        {
            // Only the scheme is repeated: nothing after "://" is ever echoed back.
            var unknown = rest[..rest.IndexOf("://", StringComparison.Ordinal)];
            throw new ConfigException($"endpoint: unknown scheme '{unknown}' (use host:port/database, jdbc:redshift://… or postgresql://…)");
        }

        var (address, properties) = SplitProperties(rest);
        var user = properties.FirstOrDefault(p => UserKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase)).Value;
        var sslMode = EndpointSsl.ModeOf(properties);

        string? database = null;
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            database = Uri.UnescapeDataString(address[(slash + 1)..]);
            address = address[..slash];
            if (database.Contains('/', StringComparison.Ordinal))
            {
                throw new ConfigException("the endpoint must look like host:port/database (one database after the '/')");
            }

            // "host/db sslmode=require", "host/db&x=y": settings the database part would swallow and
            // then print everywhere. A database name with '=' or spaces is given through --database.
            if (database.Contains('=', StringComparison.Ordinal))
            {
                throw new ConfigException("endpoint: the database part holds 'key=value' settings (give settings after '?', or a database name with '=' through --database or the config file)");
            }

            database = database.Length == 0 ? null : database;
        }

        var at = address.LastIndexOf('@');
        if (at >= 0)
        {
            user = Uri.UnescapeDataString(address[..at]);
            address = address[(at + 1)..];
        }

        var (host, port) = SplitHostPort(address);
        return new Endpoint(host, port, database, string.IsNullOrEmpty(user) ? null : user, sslMode);
    }

    /// <summary>
    /// True when any URL form, with any scheme, may carry a secret: a ':' anywhere before the last
    /// '@' (userinfo, even when the password holds '/', '?' or ';'), or a secret-looking property.
    /// Deliberately broad: a false alarm costs the user one edit, a miss prints their password.
    /// </summary>
    private static bool ContainsPassword(string text)
    {
        var rest = text.Trim();
        var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            rest = rest[(schemeEnd + 3)..];
        }

        var at = rest.LastIndexOf('@');
        if (at >= 0 && rest[..at].Contains(':', StringComparison.Ordinal))
        {
            return true;
        }

        var (_, properties) = SplitProperties(rest);
        if (properties.Any(p => SecretKeyParts.Any(part => p.Key.Contains(part, StringComparison.OrdinalIgnoreCase))))
        {
            return true;
        }

        // "host/db password=…", "/db&pwd=…", "/db,password=…", "/db#password=…": a secret key after any
        // separator, in the text as written or URL-decoded.
        return SecretAssignment().IsMatch(text) || SecretAssignment().IsMatch(Uri.UnescapeDataString(text));
    }

    [GeneratedRegex(@"(?:pass|pwd|secret|token|accesskey)[A-Za-z0-9_.-]*\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();

    private static (string Address, List<KeyValuePair<string, string>> Properties) SplitProperties(string text)
    {
        var start = text.IndexOfAny(['?', ';']);
        if (start < 0)
        {
            return (text, []);
        }

        var properties = text[(start + 1)..]
            .Split(['&', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""))
            .ToList();
        return (text[..start], properties);
    }

    private static (string Host, int? Port) SplitHostPort(string address)
    {
        string host;
        string? portText = null;
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ConfigException("endpoint: '[' without ']' (write an IPv6 address as [::1]:5439/dev)");
            }

            host = address[1..close];
            var after = address[(close + 1)..];
            if (after.Length > 0)
            {
                portText = after.StartsWith(':') ? after[1..] : throw new ConfigException("endpoint: only ':port' may follow ']'");
            }

            if (!IPAddress.TryParse(host, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new ConfigException("endpoint: the address in '[…]' is not an IPv6 address");
            }
        }
        else
        {
            var colons = address.Count(c => c == ':');
            if (colons > 1)
            {
                throw new ConfigException("endpoint: a host with ':' in it must be an IPv6 address in brackets, like [::1]:5439/dev");
            }

            var colon = address.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? address : address[..colon];
            portText = colon < 0 ? null : address[(colon + 1)..];
            if (!HostName.IsValid(host))
            {
                throw new ConfigException("the endpoint must look like host:port/database (the host is a DNS name or IP address)");
            }
        }

        if (portText is null)
        {
            return (host, null);
        }

        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            // Repeated only when it is digits: anything else may be a fragment of a mistyped password.
            var shown = portText.Length > 0 && portText.All(char.IsAsciiDigit) ? $"port '{portText}'" : "the port after ':'";
            throw new ConfigException($"endpoint: {shown} is not a number from 1 to 65535");
        }

        return (host, port);
    }
}

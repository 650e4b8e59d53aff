namespace Cargo.Doctor.Config;

/// <summary>
/// The console's endpoint string, <c>host:port/database</c> (also with a <c>jdbc:redshift://</c>
/// or <c>postgresql://</c> prefix, or without port or database).
/// </summary>
public sealed record Endpoint(string Host, int? Port, string? Database)
{
    public static Endpoint Parse(string text)
    {
        var rest = text.Trim();
        foreach (var prefix in new[] { "jdbc:redshift://", "redshift://", "postgresql://", "postgres://" })
        {
            if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[prefix.Length..];
            }
        }

        string? database = null;
        var slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            database = rest[(slash + 1)..].Split('?')[0];
            rest = rest[..slash];
            database = database.Length == 0 ? null : Uri.UnescapeDataString(database);
        }

        int? port = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0 && !rest.EndsWith(']'))
        {
            var portText = rest[(colon + 1)..];
            if (!int.TryParse(portText, out var p) || p is < 1 or > 65535)
            {
                throw new ConfigException($"endpoint '{text}': port '{portText}' is not a number from 1 to 65535");
            }

            port = p;
            rest = rest[..colon];
        }

        if (rest.Length == 0 || rest.Any(char.IsWhiteSpace))
        {
            throw new ConfigException($"endpoint '{text}' must look like host:port/database");
        }

        return new Endpoint(rest.Trim('[', ']'), port, database);
    }
}

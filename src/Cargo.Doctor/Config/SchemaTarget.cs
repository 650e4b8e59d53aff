namespace Cargo.Doctor.Config;

/// <summary>
/// A schema Cargo uses, written <c>DB.SCHEMA</c> or <c>DB.SCHEMA:read</c> (Cargo only reads it).
/// Either part may be double-quoted to hold dots, colons or quotes: <c>"my.db"."Sales ""EU"""</c>.
/// </summary>
public sealed record SchemaTarget(string Database, string Schema, bool ReadOnly)
{
    public static SchemaTarget Parse(string text)
    {
        if (text.Any(char.IsControl))
        {
            throw new ConfigException("a schema name contains a control character");
        }

        var rest = text.Trim();
        var readOnly = false;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('"'))
        {
            var mode = rest[(colon + 1)..].Trim().ToLowerInvariant();
            // Only ":read" narrows access; write access is the default and has no suffix, so a
            // ":write" is as likely a typo as anything else and is refused.
            readOnly = mode == "read"
                ? true
                : throw new ConfigException($"schema '{text}': unknown access '{mode}' (use :read, or nothing for read and write)");
            rest = rest[..colon];
        }

        var parts = IdentifierPath.Split(rest, text);
        if (parts.Count != 2)
        {
            throw new ConfigException($"schema '{text}' must be DB.SCHEMA (quote names that contain dots: \"my.db\".\"schema\")");
        }

        return new SchemaTarget(parts[0], parts[1], readOnly);
    }

    /// <summary>The target, or null when the text is not one (e.g. a schema name read back from a facts file).</summary>
    public static SchemaTarget? TryParse(string text)
    {
        try
        {
            return Parse(text);
        }
        catch (ConfigException)
        {
            return null;
        }
    }

    public override string ToString() =>
        $"{IdentifierPath.Format(Database)}.{IdentifierPath.Format(Schema)}{(ReadOnly ? ":read" : "")}";
}

namespace Cargo.Doctor.Config;

/// <summary>
/// libpq's sslmode values, which Npgsql takes over
/// (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-SSLMODE,
/// https://www.npgsql.org/doc/connection-string-parameters.html#security-and-encryption).
/// Parsed once, where the flag or config key is read; the connector only maps the enum.
/// </summary>
public enum WarehouseSslMode
{
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

public static class WarehouseSslModes
{
    /// <summary>Every value as written on the command line, in libpq's order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

    public static string Text(this WarehouseSslMode mode) => Names[(int)mode];

    public static bool TryParse(string text, out WarehouseSslMode mode)
    {
        var index = Names.ToList().IndexOf(text.Trim().ToLowerInvariant());
        mode = index < 0 ? WarehouseSslMode.Prefer : (WarehouseSslMode)index;
        return index >= 0;
    }
}

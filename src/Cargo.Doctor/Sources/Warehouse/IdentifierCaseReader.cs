using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// Reads whether the Cargo user's sessions fold identifiers (see <see cref="IdentifierCaseFacts"/>): the login's
/// session value, and, from another login, both users' per-user defaults (ALTER USER ... SET), which decide what
/// the Cargo user's own sessions start with. Two statements at most, whatever the number of schemas.
/// </summary>
internal static class IdentifierCaseReader
{
    private const string Parameter = "enable_case_sensitive_identifier";

    public static async Task<IdentifierCaseFacts> ReadAsync(WarehouseSession session, string cargoUser, string login, CancellationToken ct)
    {
        bool loginValue;
        try
        {
            var (sql, parameters) = WarehouseQuery.Load("identifier-case").Bind();
            var rows = await session.QueryAsync(sql, parameters, r => DbValue.Text(r, 0), ct);
            if (rows.Count == 0 || Parse(rows[0]) is not { } value)
            {
                return new(null, $"{Parameter} could not be read: names are compared as written");
            }

            loginValue = value;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedObject)
        {
            return new(true, $"the server has no {Parameter} (not Redshift): names are compared as written, as it does");
        }
        catch (PostgresException e)
        {
            return new(null, $"{Parameter} could not be read ({e.MessageText}): names are compared as written");
        }

        if (login == cargoUser)
        {
            return Facts(loginValue, $"{Parameter} is {Word(loginValue)} in the Cargo user's session");
        }

        try
        {
            var (sql, parameters) = WarehouseQuery.Load("user-config").Bind(new Dictionary<string, object> { ["user"] = cargoUser });
            var rows = await session.QueryAsync(sql, parameters, r => (User: DbValue.Text(r, 0) ?? "", Config: UserSetting(r.IsDBNull(1) ? null : r.GetValue(1))), ct);
            var cargo = rows.FirstOrDefault(r => r.User == cargoUser).Config;
            var own = rows.FirstOrDefault(r => r.User == login).Config;
            if (cargo is { } cargoValue)
            {
                return Facts(cargoValue, $"{Parameter} is {Word(cargoValue)} for the Cargo user (ALTER USER ... SET)");
            }

            if (own is not null)
            {
                // The login's session value is its own per-user default; the Cargo user gets the cluster's, unseen here.
                return new(null, $"{Parameter} is set for the login \"{login}\" itself ({Word(loginValue)}), so the Cargo user's sessions may differ: names are compared as written; run as the Cargo user to tell");
            }

            return Facts(loginValue, $"{Parameter} is {Word(loginValue)} (the cluster's value; no per-user setting for the Cargo user)");
        }
        catch (PostgresException e)
        {
            return new(null, $"the Cargo user's own {Parameter} could not be read ({e.MessageText}): names are compared as written");
        }
    }

    private static IdentifierCaseFacts Facts(bool caseSensitive, string read) => new(caseSensitive,
        caseSensitive ? $"{read}: schema and table names are compared as written" : $"{read}: schema and table names fold to lower case, as the server does");

    private static bool? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "1" or "t" or "yes" => true,
        "off" or "false" or "0" or "f" or "no" => false,
        _ => null,
    };

    /// <summary>The parameter's value in a useconfig entry list (text[] or its text form); null when it is not set.</summary>
    private static bool? UserSetting(object? useconfig)
    {
        var entries = useconfig switch
        {
            string[] array => array,
            string text => text.Trim('{', '}').Split(',', StringSplitOptions.TrimEntries),
            _ => [],
        };
        return entries.Select(e => e.Trim('"').Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Trim().Equals(Parameter, StringComparison.OrdinalIgnoreCase))
            .Select(kv => Parse(kv[1]))
            .LastOrDefault();
    }

    private static string Word(bool value) => value ? "on" : "off";
}

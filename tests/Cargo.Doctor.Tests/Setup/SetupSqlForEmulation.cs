using System.Text.RegularExpressions;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// setup.sql as the PostgreSQL stand-in runs it: the Redshift-only statements become the emulation's
/// functions (tests/Cargo.Doctor.Tests/Fixtures/redshift-emulation.sql), everything else, psql's
/// <c>\connect</c> lines included, is left as written. CREATE USER enforces Redshift's password rules
/// (8 to 64 characters, an upper-case letter, a lower-case letter and a digit:
/// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html), so a placeholder left in place
/// fails as it would on Redshift; the error text is the stand-in's own, not Redshift's.
/// A line this class does not recognise as a statement it knows fails the test: the generator must
/// not write SQL the round trip silently skips.
/// </summary>
public static partial class SetupSqlForEmulation
{
    public const string PasswordRuleError = "password must be 8 to 64 characters with an upper-case letter, a lower-case letter and a digit";

    public static string Translate(string setupSql) =>
        string.Join("\n", setupSql.Split('\n').Select(TranslateLine)) + "\n";

    private static string TranslateLine(string line)
    {
        if (line.Length == 0 || line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("\\connect ", StringComparison.Ordinal))
        {
            return line;
        }

        if (CreateUser().Match(line) is { Success: true } user)
        {
            var password = user.Groups[2].Value[1..^1].Replace("''", "'", StringComparison.Ordinal);
            return MeetsRedshiftRules(password)
                ? line
                : $"DO $rs$ BEGIN RAISE EXCEPTION {SqlQuote.Literal(PasswordRuleError)} USING ERRCODE = '22023'; END $rs$;";
        }

        if (SystemPrivilege().Match(line) is { Success: true } privilege)
        {
            return $"SELECT pg_catalog.rs_grant_system_privilege('CREATE OR REPLACE FUNCTION', {Literal(privilege.Groups[1].Value)});";
        }

        if (RoleGrant().Match(line) is { Success: true } role)
        {
            return $"GRANT {role.Groups[1].Value} TO {role.Groups[2].Value};";
        }

        if (ScopedGrant().Match(line) is { Success: true } scoped)
        {
            return $"SELECT pg_catalog.rs_grant_for_tables({SqlQuote.Literal(scoped.Groups[1].Value)}, {Literal(scoped.Groups[2].Value)}, {Literal(scoped.Groups[3].Value)});";
        }

        Assert.Matches(PlainStatement(), line);
        return line;
    }

    private static bool MeetsRedshiftRules(string password) =>
        password.Length is >= 8 and <= 64 && password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit);

    /// <summary>A quoted identifier as a string literal: the emulation's functions take names.</summary>
    private static string Literal(string quotedIdent) => SqlQuote.Literal(quotedIdent[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal));

    private const string Ident = "\"(?:[^\"]|\"\")*\"";

    [GeneratedRegex($"^CREATE USER ({Ident}) WITH PASSWORD ('(?:[^']|'')*');$")]
    private static partial Regex CreateUser();

    [GeneratedRegex($"^GRANT CREATE OR REPLACE FUNCTION TO ROLE ({Ident});$")]
    private static partial Regex SystemPrivilege();

    [GeneratedRegex($"^GRANT ROLE ({Ident}) TO ({Ident});$")]
    private static partial Regex RoleGrant();

    [GeneratedRegex($"^GRANT ([A-Z, ]+) FOR TABLES IN SCHEMA ({Ident}) TO ({Ident});$")]
    private static partial Regex ScopedGrant();

    /// <summary>The statements PostgreSQL runs as Redshift does.</summary>
    [GeneratedRegex($"^(CREATE ROLE {Ident}|GRANT ALL ON DATABASE {Ident} TO {Ident}|GRANT USAGE ON SCHEMA {Ident} TO {Ident}|GRANT [A-Z, ]+ ON ALL TABLES IN SCHEMA {Ident} TO {Ident});$")]
    private static partial Regex PlainStatement();
}

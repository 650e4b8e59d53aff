using Cargo.Doctor.Quoting;
using static Cargo.Doctor.Tests.Fixtures.RedshiftStandIn.RedshiftSqlPath;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>
/// Users, groups, roles and the enable_case_sensitive_identifier setting, translated to the emulation:
/// a Redshift user is a LOGIN role, a role a NOLOGIN role, a group a NOLOGIN role marked by
/// rs_create_group's comment.
/// </summary>
internal static class RedshiftUserStatements
{
    private const string GroupComment = "redshift user group";

    /// <summary>The translation, or null when the statement is none of these.</summary>
    public static SqlTranslation? Translate(SqlCursor c, bool cs)
    {
        if (c.Accept("CREATE", "USER"))
        {
            return Done(CreateUser(c, cs));
        }

        if (c.Accept("ALTER", "USER"))
        {
            return AlterUser(c, cs);
        }

        if (c.Accept("DROP", "USER"))
        {
            return Done(Drop(c, cs, "user"));
        }

        if (c.Accept("CREATE", "GROUP"))
        {
            return Done(CreateGroup(c, cs));
        }

        if (c.Accept("ALTER", "GROUP"))
        {
            return Done(AlterGroup(c, cs));
        }

        if (c.Accept("DROP", "GROUP"))
        {
            return Done(Drop(c, cs, "group"));
        }

        if (c.Accept("CREATE", "ROLE"))
        {
            return Done(CreateRole(c, cs));
        }

        if (c.Accept("DROP", "ROLE"))
        {
            return Done(Drop(c, cs, "role"));
        }

        return Setting(c);
    }

    private static SqlTranslation Done(string sql) => new(sql, true);

    /// <summary>
    /// CREATE USER name [WITH] PASSWORD { 'password' | 'md5hash' | 'sha256hash' | DISABLE } [option ...]
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html). "The user name can't be PUBLIC";
    /// "The CREATEUSER option creates a superuser with all database privileges, including CREATE USER."
    /// </summary>
    private static string CreateUser(SqlCursor c, bool cs)
    {
        var name = c.Name("a user name");
        var user = IdentifierFolding.Resolve(name, cs, isUser: true);
        if (user.Equals("public", StringComparison.OrdinalIgnoreCase))
        {
            // The rule is on r_CREATE_USER.html; the text and SQLSTATE (reserved name) are UNCONFIRMED.
            throw new StatementRejectedException(new RedshiftError("reserved-user-name", "42939", "user name \"public\" is reserved", null, ErrorProvenance.Unconfirmed));
        }

        c.Accept("WITH");
        c.Expect("PASSWORD");
        var role = new List<string> { $"CREATE ROLE {SqlQuote.Ident(user)} LOGIN {Password(c)}" };
        var after = new List<string>();
        UserOptions(c, cs, user, role, after, creating: true);
        c.End();
        return Do(new[] { Execute(string.Join(' ', role)) }.Concat(after));
    }

    /// <summary>
    /// ALTER USER name { option | PASSWORD ... | RENAME TO new | SET parameter { TO | = } value | RESET parameter } ...
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_USER.html).
    /// </summary>
    private static SqlTranslation AlterUser(SqlCursor c, bool cs)
    {
        var user = IdentifierFolding.Resolve(c.Name("a user name"), cs, isUser: true);
        var u = SqlQuote.Ident(user);
        if (c.Accept("RENAME", "TO"))
        {
            var renamed = IdentifierFolding.Resolve(c.Name("the new user name"), cs, isUser: true);
            c.End();
            return Done($"ALTER ROLE {u} RENAME TO {SqlQuote.Ident(renamed)}");
        }

        if (c.Accept("SET"))
        {
            var parameter = c.Name("a parameter").Value.ToLowerInvariant();
            if (!c.Accept("TO") && !c.AcceptSymbol("="))
            {
                throw RedshiftStatement.Syntax($"expected TO or = near '{c.Near()}'");
            }

            var value = c.Take("a value");
            c.End();
            if (parameter == "enable_case_sensitive_identifier")
            {
                return Done($"ALTER ROLE {u} SET {CaseSetting} TO {SqlQuote.Literal(BooleanSetting(value))}");
            }

            return Done($"ALTER ROLE {u} SET {SqlQuote.Ident(parameter)} TO {(value.Is("DEFAULT") ? "DEFAULT" : SqlQuote.Literal(value.Value))}");
        }

        if (c.Accept("RESET"))
        {
            var parameter = c.Name("a parameter").Value.ToLowerInvariant();
            c.End();
            return Done($"ALTER ROLE {u} RESET {(parameter == "enable_case_sensitive_identifier" ? CaseSetting : parameter == "all" ? "ALL" : SqlQuote.Ident(parameter))}");
        }

        var role = new List<string>();
        var after = new List<string>();
        if (c.Accept("PASSWORD"))
        {
            role.Add(Password(c));
        }

        UserOptions(c, cs, user, role, after, creating: false);
        c.End();
        var statements = role.Count == 0 ? after : after.Prepend(Execute($"ALTER ROLE {u} {string.Join(' ', role)}"));
        return Done(Do(statements));
    }

    /// <summary>The options CREATE USER and ALTER USER share; ALTER USER may repeat PASSWORD among them.</summary>
    private static void UserOptions(SqlCursor c, bool cs, string user, List<string> role, List<string> after, bool creating)
    {
        var u = SqlQuote.Ident(user);
        while (c.More)
        {
            if (c.Accept("CREATEUSER"))
            {
                role.Add("SUPERUSER");
            }
            else if (c.Accept("NOCREATEUSER"))
            {
                role.Add("NOSUPERUSER");
            }
            else if (c.Accept("CREATEDB"))
            {
                role.Add("CREATEDB");
            }
            else if (c.Accept("NOCREATEDB"))
            {
                role.Add("NOCREATEDB");
            }
            else if (c.Accept("SYSLOG", "ACCESS", "UNRESTRICTED"))
            {
                after.Add($"PERFORM pg_catalog.rs_set_syslog_unrestricted({SqlQuote.Literal(user)}, true);");
            }
            else if (c.Accept("SYSLOG", "ACCESS", "RESTRICTED"))
            {
                after.Add($"PERFORM pg_catalog.rs_set_syslog_unrestricted({SqlQuote.Literal(user)}, false);");
            }
            else if (creating && c.Accept("IN", "GROUP"))
            {
                do
                {
                    var group = IdentifierFolding.Resolve(c.Name("a group name"), cs);
                    after.Add($"PERFORM pg_catalog.rs_check_identity({SqlQuote.Literal(group)}, 'group');");
                    after.Add(Execute($"GRANT {SqlQuote.Ident(group)} TO {u}"));
                }
                while (c.AcceptSymbol(","));
            }
            else if (c.Accept("VALID", "UNTIL"))
            {
                role.Add($"VALID UNTIL {SqlQuote.Literal(c.String("a timestamp"))}");
            }
            else if (c.Accept("CONNECTION", "LIMIT"))
            {
                var limit = c.Take("a limit");
                role.Add(limit.Is("UNLIMITED") ? "CONNECTION LIMIT -1"
                    : limit.Kind == SqlTokenKind.Number ? $"CONNECTION LIMIT {limit.Text}" : throw RedshiftStatement.Syntax($"expected a limit near '{limit.Text}'"));
            }
            else if (!creating && c.Accept("PASSWORD"))
            {
                role.Add(Password(c));
            }
            else if (c.Peek is { } t && (t.Is("SESSION") || t.Is("EXTERNALID") || t.Is("RESET")))
            {
                throw RedshiftStatement.NotEmulated($"the user option {t.Upper}");
            }
            else
            {
                throw RedshiftStatement.Syntax($"unexpected '{c.Near()}'");
            }
        }
    }

    /// <summary>
    /// PASSWORD { 'password' | 'md5hash' | 'sha256hash' | DISABLE }: a clear-text password "must be 8 to 64
    /// characters in length", "must contain at least one uppercase letter, one lowercase letter, and one
    /// number", and "can use any ASCII characters with ASCII codes 33–126, except ' (single quotation
    /// mark), \" (double quotation mark), \\, /, or @" (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html).
    /// An MD5 hash is 'md5' followed by 32 hex digits (same page), which PostgreSQL also stores as given.
    /// </summary>
    private static string Password(SqlCursor c)
    {
        if (c.Accept("DISABLE"))
        {
            return "PASSWORD NULL";
        }

        var password = c.String("a password");
        if (password.StartsWith("sha256|", StringComparison.Ordinal))
        {
            throw RedshiftStatement.NotEmulated("a sha256 password hash");
        }

        var md5 = password.Length == 35 && password.StartsWith("md5", StringComparison.Ordinal) && password[3..].All(char.IsAsciiHexDigit);
        if (!md5 && !MeetsRules(password))
        {
            // The rules are the page's; the wording and SQLSTATE of Redshift's refusal are UNCONFIRMED.
            throw new StatementRejectedException(new RedshiftError(
                "password-rules", "22023",
                "password must be 8 to 64 characters with an upper-case letter, a lower-case letter and a digit, and ASCII 33-126 except ' \" \\ / @",
                null, ErrorProvenance.Unconfirmed));
        }

        return $"PASSWORD {SqlQuote.Literal(password)}";
    }

    public static bool MeetsRules(string password) =>
        password.Length is >= 8 and <= 64 && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiDigit)
        && password.All(ch => ch is >= (char)33 and <= (char)126 && ch is not ('\'' or '"' or '\\' or '/' or '@'));

    /// <summary>DROP USER|GROUP|ROLE [IF EXISTS] name [, ...] (r_DROP_USER.html, r_DROP_GROUP.html, r_DROP_ROLE.html); FORCE is not emulated.</summary>
    private static string Drop(SqlCursor c, bool cs, string kind)
    {
        var ifExists = c.Accept("IF", "EXISTS");
        var names = new List<string>();
        do
        {
            names.Add(IdentifierFolding.Resolve(c.Name($"a {kind} name"), cs, isUser: kind == "user"));
        }
        while (c.AcceptSymbol(","));

        if (c.Peek is { } t && (t.Is("FORCE") || t.Is("RESTRICT")))
        {
            throw RedshiftStatement.NotEmulated($"DROP ROLE ... {t.Upper}");
        }

        c.End();
        var checks = ifExists ? [] : names.Select(n => $"PERFORM pg_catalog.rs_check_identity({SqlQuote.Literal(n)}, {SqlQuote.Literal(kind)});");
        return Do(checks.Append(Execute($"DROP ROLE {(ifExists ? "IF EXISTS " : "")}{string.Join(", ", names.Select(SqlQuote.Ident))}")));
    }

    /// <summary>CREATE GROUP group_name [[WITH] [USER username] [, ...]] (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_GROUP.html).</summary>
    private static string CreateGroup(SqlCursor c, bool cs)
    {
        var group = IdentifierFolding.Resolve(c.Name("a group name"), cs);
        var g = SqlQuote.Ident(group);
        var statements = new List<string> { Execute($"CREATE ROLE {g} NOLOGIN"), Execute($"COMMENT ON ROLE {g} IS {SqlQuote.Literal(GroupComment)}") };
        c.Accept("WITH");
        if (c.Accept("USER"))
        {
            statements.AddRange(Members(c, cs, group, "GRANT {0} TO {1}"));
        }

        c.End();
        return Do(statements);
    }

    /// <summary>ALTER GROUP group_name { ADD USER username [, ...] | DROP USER username [, ...] | RENAME TO new_name } (r_ALTER_GROUP.html).</summary>
    private static string AlterGroup(SqlCursor c, bool cs)
    {
        var group = IdentifierFolding.Resolve(c.Name("a group name"), cs);
        var check = $"PERFORM pg_catalog.rs_check_identity({SqlQuote.Literal(group)}, 'group');";
        List<string> statements;
        if (c.Accept("ADD", "USER"))
        {
            statements = Members(c, cs, group, "GRANT {0} TO {1}");
        }
        else if (c.Accept("DROP", "USER"))
        {
            statements = Members(c, cs, group, "REVOKE {0} FROM {1}");
        }
        else if (c.Accept("RENAME", "TO"))
        {
            statements = [Execute($"ALTER ROLE {SqlQuote.Ident(group)} RENAME TO {IdentifierFolding.Quoted(c.Name("a group name"), cs)}")];
        }
        else
        {
            throw RedshiftStatement.Syntax($"expected ADD USER, DROP USER or RENAME TO near '{c.Near()}'");
        }

        c.End();
        return Do(statements.Prepend(check));
    }

    private static List<string> Members(SqlCursor c, bool cs, string group, string format)
    {
        var statements = new List<string>();
        do
        {
            var user = IdentifierFolding.Resolve(c.Name("a user name"), cs, isUser: true);
            statements.Add($"PERFORM pg_catalog.rs_check_identity({SqlQuote.Literal(user)}, 'user');");
            statements.Add(Execute(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, SqlQuote.Ident(group), SqlQuote.Ident(user))));
        }
        while (c.AcceptSymbol(","));

        return statements;
    }

    /// <summary>CREATE ROLE role_name [EXTERNALID external_id] (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_ROLE.html); EXTERNALID is not emulated.</summary>
    private static string CreateRole(SqlCursor c, bool cs)
    {
        var role = IdentifierFolding.Resolve(c.Name("a role name"), cs);
        if (c.More)
        {
            throw c.Peek!.Is("EXTERNALID") ? RedshiftStatement.NotEmulated("CREATE ROLE ... EXTERNALID") : RedshiftStatement.Syntax($"unexpected '{c.Near()}'");
        }

        return $"CREATE ROLE {SqlQuote.Ident(role)} NOLOGIN";
    }

    /// <summary>
    /// SET / RESET / SHOW enable_case_sensitive_identifier: "Values (default in bold) true, false"
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html), held in
    /// the PostgreSQL placeholder <see cref="RedshiftSqlPath.CaseSetting"/>.
    /// </summary>
    private static SqlTranslation? Setting(SqlCursor c)
    {
        c.Position = 0;
        if (c.Accept("SET"))
        {
            c.Accept("SESSION");
            if (!c.Accept("enable_case_sensitive_identifier"))
            {
                return null;
            }

            if (!c.Accept("TO") && !c.AcceptSymbol("="))
            {
                throw RedshiftStatement.Syntax($"expected TO or = near '{c.Near()}'");
            }

            var value = c.Take("true or false");
            c.End();
            return new SqlTranslation($"SET {CaseSetting} TO {SqlQuote.Literal(BooleanSetting(value))}", true, CaseSettingTouched: true);
        }

        c.Position = 0;
        if (c.Accept("RESET"))
        {
            if (c.Accept("ALL"))
            {
                c.End();
                return new SqlTranslation("RESET ALL", false, CaseSettingTouched: true);
            }

            if (!c.Accept("enable_case_sensitive_identifier"))
            {
                return null;
            }

            c.End();
            return new SqlTranslation($"RESET {CaseSetting}", true, CaseSettingTouched: true);
        }

        c.Position = 0;
        if (c.Accept("SHOW", "enable_case_sensitive_identifier"))
        {
            c.End();
            return new SqlTranslation($"SELECT pg_catalog.current_setting({SqlQuote.Literal(CaseSetting)}) AS enable_case_sensitive_identifier", true);
        }

        return null;
    }

    /// <summary>true or false (as a word or a string; on/off are not on the page and are refused: UNCONFIRMED).</summary>
    private static string BooleanSetting(SqlToken value)
    {
        var text = value.Value.ToLowerInvariant();
        return text is "true" or "false" ? text
            : throw new StatementRejectedException(new RedshiftError("invalid-setting", "22023", $"invalid value for parameter \"enable_case_sensitive_identifier\": \"{value.Value}\"", null, ErrorProvenance.Unconfirmed));
    }
}

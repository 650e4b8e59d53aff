using Cargo.Doctor.Quoting;
using static Cargo.Doctor.Tests.Fixtures.RedshiftStandIn.RedshiftSqlPath;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>One grantee of a Redshift GRANT/REVOKE: its kind (user, role, group, public), its stored name, and WITH GRANT/ADMIN OPTION.</summary>
internal sealed record Grantee(string Kind, string Name, bool WithOption)
{
    /// <summary>The grantee in PostgreSQL's GRANT: a role name, or PUBLIC.</summary>
    public string Sql => Kind == "public" ? "PUBLIC" : SqlQuote.Ident(Name);

    public string Check => Kind == "public" ? "" : $"PERFORM pg_catalog.rs_check_identity({SqlQuote.Literal(Name)}, {SqlQuote.Literal(Kind)});";
}

/// <summary>
/// GRANT and REVOKE in Redshift's forms (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_REVOKE.html): object privileges to users, ROLE r,
/// GROUP g or PUBLIC; roles to users and roles; system permissions to roles; scoped permissions
/// (FOR TABLES IN SCHEMA, FOR SCHEMAS IN DATABASE); ASSUMEROLE; and ALTER DEFAULT PRIVILEGES with the
/// same grantee forms. Each becomes a DO block that checks every grantee is of the kind written
/// (rs_check_identity) and then runs PostgreSQL's statement or the emulation's function.
/// </summary>
internal static class RedshiftGrantStatements
{
    /// <summary>The system permissions of https://docs.aws.amazon.com/redshift/latest/dg/r_roles-system-privileges.html.</summary>
    public static readonly string[] SystemPermissions =
    [
        "CREATE ROLE", "DROP ROLE", "CREATE USER", "DROP USER", "ALTER USER", "CREATE SCHEMA", "DROP SCHEMA", "ALTER DEFAULT PRIVILEGES",
        "CREATE TABLE", "DROP TABLE", "ALTER TABLE", "CREATE OR REPLACE FUNCTION", "CREATE OR REPLACE EXTERNAL FUNCTION", "DROP FUNCTION",
        "CREATE OR REPLACE PROCEDURE", "DROP PROCEDURE", "CREATE OR REPLACE VIEW", "DROP VIEW", "CREATE MODEL", "DROP MODEL",
        "CREATE DATASHARE", "ALTER DATASHARE", "DROP DATASHARE", "CREATE LIBRARY", "DROP LIBRARY", "ANALYZE", "CANCEL", "TRUNCATE TABLE",
        "VACUUM", "IGNORE RLS", "EXPLAIN RLS", "EXPLAIN MASKING", "ACCESS SYSTEM TABLE", "ACCESS CATALOG",
    ];

    /// <summary>Table privileges PostgreSQL has; DROP and ALTER are Redshift's own and are not emulated on objects.</summary>
    private static readonly string[] ScopedTablePrivileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES"];

    public static string Translate(SqlCursor c, bool cs)
    {
        if (c.Accept("ALTER", "DEFAULT", "PRIVILEGES"))
        {
            return DefaultPrivileges(c, cs);
        }

        var grant = c.Accept("GRANT");
        if (!grant)
        {
            c.Expect("REVOKE");
        }

        var optionFor = !grant && (c.Accept("GRANT", "OPTION", "FOR") || c.Accept("ADMIN", "OPTION", "FOR"));
        if (c.Peek is { } first && first.Is("ROLE"))
        {
            return RoleGrant(c, cs, grant, optionFor);
        }

        if (c.Accept("ASSUMEROLE"))
        {
            return AssumeRole(c, cs, grant);
        }

        var start = c.Position;
        var depth = 0;
        while (c.More && !(depth == 0 && c.Peek!.Kind == SqlTokenKind.Word && (c.Peek.Is("ON") || c.Peek.Is("FOR") || c.Peek.Is(grant ? "TO" : "FROM"))))
        {
            depth += c.Peek!.IsSymbol("(") ? 1 : c.Peek.IsSymbol(")") ? -1 : 0;
            c.Position++;
        }

        var privileges = c.Tokens.Skip(start).Take(c.Position - start).ToList();
        if (c.Accept("ON"))
        {
            return ObjectGrant(c, cs, grant, optionFor, privileges);
        }

        if (c.Accept("FOR"))
        {
            return Scoped(c, cs, grant, privileges);
        }

        return SystemPermission(c, cs, grant, privileges);
    }

    /// <summary>GRANT privileges ON objects TO grantees [WITH GRANT OPTION]; REVOKE [GRANT OPTION FOR] privileges ON objects FROM grantees [CASCADE|RESTRICT].</summary>
    private static string ObjectGrant(SqlCursor c, bool cs, bool grant, bool optionFor, List<SqlToken> privileges)
    {
        if (privileges.FirstOrDefault(p => p.Is("DROP") || p.Is("ALTER")) is { } redshiftOnly)
        {
            throw RedshiftStatement.NotEmulated($"the {redshiftOnly.Upper} privilege");
        }

        var objectStart = c.Position;
        while (c.More && !c.Peek!.Is(grant ? "TO" : "FROM"))
        {
            c.Position++;
        }

        var objects = c.Tokens.Skip(objectStart).Take(c.Position - objectStart).ToList();
        if (objects.FirstOrDefault(t => t.Is("DATASHARE") || t.Is("MODEL") || t.Is("EXTERNAL") || t.Is("JOB") || t.Is("TEMPLATE")) is { } other)
        {
            throw RedshiftStatement.NotEmulated($"GRANT ... ON {other.Upper}");
        }

        c.Expect(grant ? "TO" : "FROM");
        var grantees = Grantees(c, cs, allowGroup: true, allowPublic: true, option: grant ? ["WITH", "GRANT", "OPTION"] : null);
        var tail = grant ? "" : c.Accept("CASCADE") ? " CASCADE" : c.Accept("RESTRICT") ? " RESTRICT" : "";
        c.End();
        var head = $"{(grant ? "GRANT" : "REVOKE")}{(optionFor ? " GRANT OPTION FOR" : "")} {Render(privileges, cs)} ON {Render(objects, cs)}";
        return Do(grantees.Select(g => g.Check).Concat(grantees.Select(g =>
            Execute($"{head} {(grant ? "TO" : "FROM")} {g.Sql}{(g.WithOption ? " WITH GRANT OPTION" : "")}{tail}"))));
    }

    /// <summary>
    /// GRANT { ROLE role_name } [, ...] TO { { user_name [ WITH ADMIN OPTION ] } | ROLE role_name } [, ...];
    /// REVOKE [ ADMIN OPTION FOR ] { ROLE role_name } [, ...] FROM { user_name | ROLE role_name } [, ...] (r_GRANT.html, r_REVOKE.html).
    /// The system roles sys:superuser, sys:dba, ... are roles too (r_roles-default.html).
    /// </summary>
    private static string RoleGrant(SqlCursor c, bool cs, bool grant, bool optionFor)
    {
        var roles = new List<string>();
        do
        {
            c.Expect("ROLE");
            roles.Add(IdentifierFolding.Resolve(c.Name("a role name"), cs));
        }
        while (c.AcceptSymbol(","));

        c.Expect(grant ? "TO" : "FROM");
        var grantees = Grantees(c, cs, allowGroup: false, allowPublic: false, option: grant ? ["WITH", "ADMIN", "OPTION"] : null);
        if (!grant)
        {
            _ = c.Accept("CASCADE") || c.Accept("RESTRICT");
        }

        c.End();
        var checks = roles.Select(r => $"PERFORM pg_catalog.rs_check_identity({SqlQuote.Literal(r)}, 'role');").Concat(grantees.Select(g => g.Check));
        return Do(checks.Concat(roles.SelectMany(r => grantees.Select(g => Execute(grant
            ? $"GRANT {SqlQuote.Ident(r)} TO {g.Sql}{(g.WithOption ? " WITH ADMIN OPTION" : "")}"
            : $"REVOKE {(optionFor ? "ADMIN OPTION FOR " : "")}{SqlQuote.Ident(r)} FROM {g.Sql}")))));
    }

    /// <summary>
    /// GRANT { system_permission [, ...] } TO { ROLE role_name } [, ...] (r_GRANT.html, "System permissions to roles";
    /// the list: r_roles-system-privileges.html). Recorded with rs_system_privilege(); who may grant: superuser only (UNCONFIRMED).
    /// </summary>
    private static string SystemPermission(SqlCursor c, bool cs, bool grant, List<SqlToken> privileges)
    {
        var permissions = string.Join(' ', privileges.Select(p => p.Kind == SqlTokenKind.Symbol ? p.Text : p.Upper)).Split(',', StringSplitOptions.TrimEntries);
        if (permissions.FirstOrDefault(p => !SystemPermissions.Contains(p)) is { } unknown)
        {
            throw unknown.Length == 0 ? RedshiftStatement.Syntax("no privilege named") : RedshiftStatement.NotEmulated($"the system permission or privilege form '{unknown}'");
        }

        c.Expect(grant ? "TO" : "FROM");
        var grantees = Grantees(c, cs, allowGroup: false, allowPublic: false, option: null);
        if (grantees.FirstOrDefault(g => g.Kind != "role") is { } notRole)
        {
            // "TO { ROLE role_name }": system permissions go to roles only; the refusal's text is UNCONFIRMED.
            throw new StatementRejectedException(new RedshiftError("system-permission-grantee", "0LP01", $"system permissions can only be granted to roles, not to user \"{notRole.Name}\"", null, ErrorProvenance.Unconfirmed));
        }

        c.End();
        return Do(grantees.Select(g => g.Check).Concat(permissions.SelectMany(p => grantees.Select(g =>
            $"PERFORM pg_catalog.rs_system_privilege({(grant ? "true" : "false")}, {SqlQuote.Literal(p)}, {SqlQuote.Literal(g.Name)});"))));
    }

    /// <summary>
    /// Scoped permissions: GRANT privileges FOR { SCHEMAS IN DATABASE db | TABLES IN { SCHEMA s [DATABASE db] | DATABASE db } } TO
    /// { user | ROLE r } [, ...]: "Users and roles with scoped permissions have the specified permissions on all current and future
    /// objects within the database or schema" (https://docs.aws.amazon.com/redshift/latest/dg/t_scoped-permissions.html); "You can't
    /// grant scoped permissions to user groups" (t_scoped-permissions-considerations.html). FUNCTIONS, PROCEDURES, LANGUAGES and
    /// TABLES IN DATABASE are not emulated.
    /// </summary>
    private static string Scoped(SqlCursor c, bool cs, bool grant, List<SqlToken> privileges)
    {
        string scope;
        string? schema = null;
        string? database = null;
        if (c.Accept("SCHEMAS", "IN", "DATABASE"))
        {
            scope = "SCHEMAS";
            database = IdentifierFolding.Resolve(c.Name("a database name"), cs);
        }
        else if (c.Accept("TABLES", "IN", "SCHEMA"))
        {
            scope = "TABLES";
            schema = IdentifierFolding.Resolve(c.Name("a schema name"), cs);
            if (c.Accept("DATABASE"))
            {
                database = IdentifierFolding.Resolve(c.Name("a database name"), cs);
            }
        }
        else
        {
            throw RedshiftStatement.NotEmulated($"scoped permissions FOR {c.Near()} ...");
        }

        var names = string.Join(' ', privileges.Select(p => p.Kind == SqlTokenKind.Symbol ? p.Text : p.Upper)).Split(',', StringSplitOptions.TrimEntries).ToList();
        if (names is ["ALL"] or ["ALL PRIVILEGES"])
        {
            // ALL: the privileges PostgreSQL can hold; Redshift's ALL also has ALTER and DROP (UNCONFIRMED, not emulated).
            names = scope == "TABLES" ? [.. ScopedTablePrivileges] : ["USAGE", "CREATE"];
        }

        var allowed = scope == "TABLES" ? ScopedTablePrivileges : ["USAGE", "CREATE"];
        if (names.FirstOrDefault(n => !allowed.Contains(n)) is { } unsupported)
        {
            throw RedshiftStatement.NotEmulated($"the scoped privilege '{unsupported}' FOR {scope}");
        }

        c.Expect(grant ? "TO" : "FROM");
        var grantees = Grantees(c, cs, allowGroup: true, allowPublic: false, option: null);
        c.End();
        var array = "ARRAY[" + string.Join(", ", names.Select(SqlQuote.Literal)) + "]::text[]";
        return Do(grantees.Select(g => g.Check).Concat(grantees.Select(g =>
            $"PERFORM pg_catalog.rs_scoped_privilege({(grant ? "true" : "false")}, {SqlQuote.Literal(scope)}, {Nullable(schema)}, {Nullable(database)}, {array}, {SqlQuote.Literal(g.Name)}, {SqlQuote.Literal(g.Kind)});")));
    }

    /// <summary>
    /// GRANT ASSUMEROLE ON { 'iam_role' [, ...] | default | ALL } TO { user_name | ROLE role_name | GROUP group_name | PUBLIC } [, ...]
    /// FOR { ALL | COPY | UNLOAD | EXTERNAL FUNCTION | CREATE MODEL } [, ...] (r_GRANT.html; r_REVOKE.html with FROM). One
    /// 'iam_role' string may be a chain 'Role1,Role2', granted as a whole (r_GRANT-usage-notes.html). Recorded with rs_assumerole().
    /// </summary>
    private static string AssumeRole(SqlCursor c, bool cs, bool grant)
    {
        c.Expect("ON");
        var arns = new List<string>();
        if (c.Accept("ALL"))
        {
            arns.Add("ALL");
        }
        else if (c.Accept("default"))
        {
            arns.Add("default");
        }
        else
        {
            do
            {
                arns.Add(c.String("an IAM role ARN"));
            }
            while (c.AcceptSymbol(","));
        }

        c.Expect(grant ? "TO" : "FROM");
        var grantees = Grantees(c, cs, allowGroup: true, allowPublic: true, option: null);
        c.Expect("FOR");
        var commands = new List<string>();
        do
        {
            var command = c.Words("FOR");
            commands.Add(command is "ALL" or "COPY" or "UNLOAD" or "EXTERNAL FUNCTION" or "CREATE MODEL"
                ? command
                : throw RedshiftStatement.Syntax($"expected ALL, COPY, UNLOAD, EXTERNAL FUNCTION or CREATE MODEL near '{c.Near()}'"));
        }
        while (c.AcceptSymbol(","));

        c.End();
        var arnArray = "ARRAY[" + string.Join(", ", arns.Select(SqlQuote.Literal)) + "]::text[]";
        var commandArray = "ARRAY[" + string.Join(", ", commands.Select(SqlQuote.Literal)) + "]::text[]";
        return Do(grantees.Select(g => g.Check).Concat(grantees.Select(g =>
            $"PERFORM pg_catalog.rs_assumerole({(grant ? "true" : "false")}, {arnArray}, {SqlQuote.Literal(g.Kind == "public" ? "public" : g.Name)}, {SqlQuote.Literal(g.Kind)}, {commandArray});")));
    }

    /// <summary>
    /// ALTER DEFAULT PRIVILEGES [ FOR USER target_user [, ...] ] [ IN SCHEMA schema_name [, ...] ] grant_or_revoke_clause
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_DEFAULT_PRIVILEGES.html); the clause's grantees take the
    /// GRANT forms (user, ROLE r, GROUP g, PUBLIC).
    /// </summary>
    private static string DefaultPrivileges(SqlCursor c, bool cs)
    {
        var header = "ALTER DEFAULT PRIVILEGES";
        if (c.Accept("FOR", "USER"))
        {
            var users = new List<string>();
            do
            {
                users.Add(IdentifierFolding.Quoted(c.Name("a user name"), cs, isUser: true));
            }
            while (c.AcceptSymbol(","));

            header += " FOR ROLE " + string.Join(", ", users);
        }

        if (c.Accept("IN", "SCHEMA"))
        {
            var schemas = new List<string>();
            do
            {
                schemas.Add(IdentifierFolding.Quoted(c.Name("a schema name"), cs));
            }
            while (c.AcceptSymbol(","));

            header += " IN SCHEMA " + string.Join(", ", schemas);
        }

        var block = ObjectGrantClause(c, cs);
        return Do(block.Checks.Concat(block.Statements.Select(s => Execute(header + " " + s))));
    }

    private static (IEnumerable<string> Checks, IEnumerable<string> Statements) ObjectGrantClause(SqlCursor c, bool cs)
    {
        var grant = c.Accept("GRANT");
        if (!grant)
        {
            c.Expect("REVOKE");
        }

        var optionFor = !grant && c.Accept("GRANT", "OPTION", "FOR");
        var start = c.Position;
        while (c.More && !c.Peek!.Is("ON"))
        {
            c.Position++;
        }

        var privileges = c.Tokens.Skip(start).Take(c.Position - start).ToList();
        c.Expect("ON");
        var objects = c.Name("TABLES, FUNCTIONS or PROCEDURES").Value.ToUpperInvariant();
        c.Expect(grant ? "TO" : "FROM");
        var grantees = Grantees(c, cs, allowGroup: true, allowPublic: true, option: grant ? ["WITH", "GRANT", "OPTION"] : null);
        c.End();
        var head = $"{(grant ? "GRANT" : "REVOKE")}{(optionFor ? " GRANT OPTION FOR" : "")} {Render(privileges, cs)} ON {objects}";
        return (grantees.Select(g => g.Check), grantees.Select(g => $"{head} {(grant ? "TO" : "FROM")} {g.Sql}{(g.WithOption ? " WITH GRANT OPTION" : "")}"));
    }

    /// <summary>{ user_name [option] | ROLE role_name | GROUP group_name | PUBLIC } [, ...]; user names keep their quoted case.</summary>
    private static List<Grantee> Grantees(SqlCursor c, bool cs, bool allowGroup, bool allowPublic, string[]? option)
    {
        var grantees = new List<Grantee>();
        do
        {
            Grantee grantee;
            if (c.Accept("ROLE"))
            {
                grantee = new Grantee("role", IdentifierFolding.Resolve(c.Name("a role name"), cs), false);
            }
            else if (c.Accept("GROUP"))
            {
                grantee = allowGroup ? new Grantee("group", IdentifierFolding.Resolve(c.Name("a group name"), cs), false)
                    : throw RedshiftStatement.Syntax("GROUP is not a grantee of this statement");
            }
            else if (c.Peek is { Kind: SqlTokenKind.Word } p && p.Is("PUBLIC"))
            {
                c.Position++;
                grantee = allowPublic ? new Grantee("public", "public", false) : throw RedshiftStatement.Syntax("PUBLIC is not a grantee of this statement");
            }
            else
            {
                var user = IdentifierFolding.Resolve(c.Name("a user name"), cs, isUser: true);
                grantee = new Grantee("user", user, option is not null && c.Accept(option));
            }

            grantees.Add(grantee);
        }
        while (c.AcceptSymbol(","));

        return grantees;
    }

    /// <summary>Tokens as PostgreSQL text: quoted identifiers folded, literals re-quoted, the rest as written.</summary>
    private static string Render(IEnumerable<SqlToken> tokens, bool cs) => string.Join(' ', tokens.Select(t => t.Kind switch
    {
        SqlTokenKind.QuotedIdent => IdentifierFolding.Quoted(new SqlName(t.Value, true), cs),
        SqlTokenKind.String => SqlQuote.Literal(t.Value),
        _ => t.Text,
    }));

    private static string Nullable(string? value) => value is null ? "NULL" : SqlQuote.Literal(value);
}

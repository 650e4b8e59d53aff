using System.Text;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Setup;

/// <summary>
/// setup.sql: every database step of the setup guide for the configured names, one block per
/// database under a psql <c>\connect</c> line, each statement rendered from the catalog template the
/// matching check's fix uses. Written without connecting anywhere.
/// </summary>
public static class SetupSqlWriter
{
    public const string FileName = "setup.sql";

    private const string ReadWrite = "SELECT, INSERT, UPDATE, DELETE";
    private const string ReadOnly = "SELECT";

    public static string Write(SetupRequest request, CheckCatalog catalog)
    {
        var warehouse = request.Config.Warehouse;
        var user = SqlQuote.Ident(warehouse.User);
        var role = SqlQuote.Ident(warehouse.FunctionRole);
        var sql = new StringBuilder();
        foreach (var line in Header())
        {
            sql.AppendLine(line);
        }

        var first = true;
        foreach (var (database, schemas) in request.Databases)
        {
            var db = SqlQuote.Ident(database);
            sql.AppendLine();
            sql.AppendLine($"-- ==== database {Comment(database)}");
            sql.AppendLine(PsqlMeta.Connect(database));
            if (first)
            {
                // Users and roles belong to the whole warehouse, not one database: created once.
                sql.AppendLine("-- db.user-exists: the Cargo user (users belong to the whole warehouse).");
                sql.AppendLine("-- On a re-run this statement fails with \"already exists\" (Redshift has no CREATE USER IF NOT EXISTS); the rest still applies.");
                sql.AppendLine(PasswordPlaceholder.Comment);
                sql.AppendLine(Sql(catalog, "db.user-exists", "create-user", ("user", user)));
                sql.AppendLine("-- db.function-role: Redshift grants CREATE OR REPLACE FUNCTION to roles only. On a re-run,");
                sql.AppendLine("-- CREATE ROLE fails with \"already exists\" (no IF NOT EXISTS either); the two GRANTs still apply.");
                sql.AppendLine(Sql(catalog, "db.function-role", "create-role", ("role", role), ("user", user)));
                first = false;
            }

            sql.AppendLine("-- db.database-privileges: CREATE and TEMP on the database.");
            sql.AppendLine(Sql(catalog, "db.database-privileges", "grant-database", ("database", db), ("user", user)));
            foreach (var schema in schemas)
            {
                var values = new[] { ("database", db), ("schema", SqlQuote.Ident(schema.Schema)), ("user", user), ("privileges", schema.ReadOnly ? ReadOnly : ReadWrite) };
                sql.AppendLine($"-- schema {Comment(schema.Schema)}{(schema.ReadOnly ? " (read only: SELECT)" : "")}: db.schema-usage, db.table-grants, db.future-grants");
                sql.AppendLine(Sql(catalog, "db.schema-usage", "grant-usage", values));
                sql.AppendLine(Sql(catalog, "db.table-grants", "grant-all-tables", values));
                sql.AppendLine("-- Tables created later, by anyone: scoped permissions cover every creator, where ALTER DEFAULT");
                sql.AppendLine("-- PRIVILEGES covers one (https://docs.aws.amazon.com/redshift/latest/dg/t_scoped-permissions.html).");
                sql.AppendLine(Sql(catalog, "db.future-grants", "scoped-permissions", values));
            }
        }

        if (request.Databases.Count == 0)
        {
            sql.AppendLine();
            sql.AppendLine("-- No database configured: pass --database or --schema DB.SCHEMA.");
        }

        sql.AppendLine();
        foreach (var line in AssumeRoleBlock(request, catalog, user))
        {
            sql.AppendLine(line);
        }

        return sql.ToString();
    }

    private static IEnumerable<string> Header() =>
    [
        $"-- setup.sql written by cargo-doctor {ToolVersion.Current}: the database steps of the Cargo setup guide.",
        "-- REVIEW BEFORE RUNNING. cargo-doctor never runs this script, and connected to nothing to write it.",
        "-- Run it as a superuser with psql, which follows the \\connect lines from one database to the next:",
        "--   psql -h HOST -p PORT -U ADMIN -d FIRST_DATABASE -f setup.sql",
        "-- (\\connect is a psql command: a Redshift session cannot change database, and schema and table",
        "-- grants act on the database you are connected to. In Query Editor v2, pick each block's database",
        "-- and run the statements under its \\connect line instead.)",
        "-- Safe to re-run: GRANT statements can be repeated. CREATE USER and CREATE ROLE fail on a re-run",
        "-- (\"already exists\"); psql reports that and goes on with the next statement (do not set ON_ERROR_STOP).",
        "-- Then run `cargo-doctor check` with the same options: every db.* check should pass.",
    ];

    /// <summary>GRANT ASSUMEROLE is needed only after a superuser ran REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL.</summary>
    private static IEnumerable<string> AssumeRoleBlock(SetupRequest request, CheckCatalog catalog, string user)
    {
        var customerRole = request.Config.Aws.RoleArn ?? request.CustomerRoleArnPlaceholder;
        var cargoRole = request.Config.Cargo.RoleArn ?? "<cargo_role_arn>";
        yield return "-- ==== Optional: db.assume-role-privilege";
        yield return "-- Only if a superuser switched this warehouse to per-user ASSUMEROLE control";
        yield return "-- (REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL): then Cargo's COPY and UNLOAD need this grant";
        yield return "-- on the whole role chain (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html).";
        yield return "-- Remove the leading \"-- \" to run it, as a superuser:";
        var grant = Sql(catalog, "db.assume-role-privilege", "grant-assumerole", ("chain", SqlQuote.Literal($"{customerRole},{cargoRole}")), ("user", user));
        foreach (var line in grant.Split('\n'))
        {
            yield return "-- " + line;
        }
    }

    private static string Sql(CheckCatalog catalog, string checkId, string key, params (string Name, string Value)[] values) =>
        SetupTemplate.Text(SetupTemplate.Render(catalog, checkId, key, values), "sql");

    /// <summary>A name on a comment line: a line break in it must not end the comment.</summary>
    private static string Comment(string name) => SqlQuote.Ident(name.ReplaceLineEndings(" "));
}

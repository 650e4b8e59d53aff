using System.Text;
using System.Text.RegularExpressions;

namespace Cargo.Doctor.Reports;

/// <summary>
/// fix.sql: every SQL remediation of the failed and warned checks in one script, in catalog order
/// (user, database, schemas, tables, roles), each block under a comment naming the check it fixes.
/// GRANTs are idempotent; CREATE SCHEMA gets IF NOT EXISTS. The tool never runs it.
/// </summary>
public sealed partial class FixSqlRenderer : IReportRenderer
{
    public string Format => "fix-sql";

    public string FileName => "fix.sql";

    public string Render(Report report)
    {
        var sql = new StringBuilder();
        sql.AppendLine($"-- fix.sql written by {FixScriptText.OneLine(ReportHeader.Tool(report))} on {report.Facts.StartedAt:yyyy-MM-dd HH:mm} UTC");
        sql.AppendLine("-- REVIEW BEFORE RUNNING. cargo-doctor never runs this script.");
        sql.AppendLine("-- Run it as an admin, one database at a time (each block says which database to connect to).");
        sql.AppendLine("-- GRANT statements are safe to repeat. Redshift has no IF NOT EXISTS for CREATE USER or");
        sql.AppendLine("-- CREATE ROLE: if those already exist, that statement fails and the rest still applies.");
        if (report.Facts.Redacted)
        {
            sql.AppendLine("-- This report was redacted: names are tokens (schema_1, user_1, ...); put the real names back first.");
        }

        sql.AppendLine();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var blocks = 0;
        foreach (var entry in FixScriptText.ToFix(report).Where(e => e.Finding.Remediation.Any(r => r.Kind == "sql")))
        {
            sql.AppendLine($"-- ==== {entry.Check.Id} ({StatusMark.Word(entry.Finding.Status)}): {FixScriptText.OneLine(entry.Finding.Summary)}");
            foreach (var step in entry.Finding.Remediation)
            {
                switch (step.Kind)
                {
                    case "sql" when seen.Add(step.Text):
                        sql.AppendLine(IfNotExists(step.Text.TrimEnd()));
                        blocks++;
                        break;
                    case "sql":
                        sql.AppendLine("-- (same statements as above)");
                        break;
                    case "sql-alternative":
                        foreach (var line in FixScriptText.Commented("--", "(alternative, not needed after the statements above)\n" + step.Text))
                        {
                            sql.AppendLine(line);
                        }

                        break;
                    case "console":
                        foreach (var line in FixScriptText.Commented("--", step.Text))
                        {
                            sql.AppendLine(line);
                        }

                        break;
                    default:
                        sql.AppendLine($"-- ({step.Kind} step for this check: see fix-aws.sh or the report)");
                        break;
                }
            }

            sql.AppendLine();
        }

        if (blocks == 0)
        {
            sql.AppendLine("-- Nothing to fix in SQL: no failed or warned check has a SQL remediation.");
        }

        return sql.ToString();
    }

    private static string IfNotExists(string text) => CreateSchema().Replace(text, "${1}CREATE SCHEMA IF NOT EXISTS ");

    [GeneratedRegex(@"(^|\n)\s*CREATE SCHEMA (?!IF NOT EXISTS )", RegexOptions.IgnoreCase)]
    private static partial Regex CreateSchema();
}

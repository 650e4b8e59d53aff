using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;

namespace Cargo.Doctor.Tests.Reports;

[Trait("Category", "Unit")]
public sealed class FixScriptTests
{
    [Fact]
    public void fix_sql_holds_every_sql_fix_of_failed_and_warned_checks_in_catalog_order()
    {
        var sql = new FixSqlRenderer().Render(SampleReports.Create());

        var privileges = sql.IndexOf("-- ==== db.database-privileges (warn)", StringComparison.Ordinal);
        var schemas = sql.IndexOf("-- ==== db.schema-usage (fail)", StringComparison.Ordinal);
        var tables = sql.IndexOf("-- ==== db.table-grants (fail)", StringComparison.Ordinal);
        Assert.True(privileges >= 0 && privileges < schemas && schemas < tables, sql);
        Assert.Contains("GRANT SELECT ON \"sales\".\"t60\" TO \"cargo_user\";", sql);
        Assert.Contains("-- Connected to database dev, as an admin:", sql);
        Assert.DoesNotContain(ConnectRule.Id, sql);
        Assert.DoesNotContain(FutureGrantsRule.Id, sql);
        Assert.Contains("REVIEW BEFORE RUNNING", sql);
    }

    [Fact]
    public void an_alternative_fix_is_shown_in_the_report_but_commented_out_in_fix_sql()
    {
        var report = SampleReports.Create();
        var entries = report.Entries.Select(e => e.Check.Id == SchemaUsageRule.Id
            ? e with { Finding = e.Finding with { Remediation = [.. e.Finding.Remediation, new RemediationStep("alt", "sql-alternative", "GRANT ALL ON SCHEMA \"s\" TO \"u\";")] } }
            : e).ToList();
        var withAlternative = report with { Entries = entries };

        var sql = new FixSqlRenderer().Render(withAlternative);
        var markdown = new MarkdownReportRenderer().Render(withAlternative);

        Assert.Contains("-- GRANT ALL ON SCHEMA \"s\" TO \"u\";", sql);
        Assert.DoesNotContain(sql.Split('\n'), line => line.StartsWith("GRANT ALL ON SCHEMA", StringComparison.Ordinal));
        Assert.Contains("```sql\nGRANT ALL ON SCHEMA \"s\" TO \"u\";\n```", markdown);
    }

    [Fact]
    public void fix_sql_makes_create_schema_idempotent()
    {
        var sql = new FixSqlRenderer().Render(SampleReports.Create());

        Assert.Contains("CREATE SCHEMA IF NOT EXISTS \"<script>\";", sql);
        Assert.DoesNotContain("IF NOT EXISTS IF NOT EXISTS", sql);
    }

    [Fact]
    public void a_newline_in_a_summary_cannot_escape_the_comment()
    {
        var report = SampleReports.Create();
        var entries = report.Entries.Select(e => e.Check.Id == SchemaUsageRule.Id
            ? e with { Finding = e.Finding with { Summary = "schema x\nDROP TABLE important;\r\n" } }
            : e).ToList();

        var sql = new FixSqlRenderer().Render(report with { Entries = entries });

        Assert.DoesNotContain(sql.Split('\n'), line => line.StartsWith("DROP", StringComparison.Ordinal));
        Assert.Contains("-- ==== db.schema-usage (fail): schema x DROP TABLE important;", sql);
    }

    [Fact]
    public void fix_aws_sh_is_strict_bash_with_each_command_commented()
    {
        var report = SampleReports.Create();
        var entries = report.Entries.Select(e => e.Check.Id == TableGrantsRule.Id
            ? e with
            {
                Finding = e.Finding with
                {
                    Remediation = [.. e.Finding.Remediation,
                        new RemediationStep("attach", "console", "Attach the role to cluster c\\_1:"),
                        new RemediationStep("attach", "sh", "aws redshift modify-cluster-iam-roles --cluster-identifier 'c1' --add-iam-roles 'arn:aws:iam::123456789012:role/r'"),
                        new RemediationStep("policy", "json", "{\n  \"Version\": \"2012-10-17\"\n}")],
                },
            }
            : e).ToList();

        var sh = new FixAwsScriptRenderer().Render(report with { Entries = entries });

        var lines = sh.Split('\n');
        Assert.Equal("#!/usr/bin/env bash", lines[0]);
        Assert.Contains("set -euo pipefail", lines);
        Assert.Contains("REVIEW BEFORE RUNNING", sh);
        Assert.Contains("# ==== db.table-grants (fail): 60 table(s) lack privileges", lines);
        Assert.Contains(lines, l => l.StartsWith("aws redshift modify-cluster-iam-roles", StringComparison.Ordinal));
        Assert.Contains("#   \"Version\": \"2012-10-17\"", lines);
        Assert.Contains("# Attach the role to cluster c_1:", lines);
        Assert.DoesNotContain("GRANT", sh);
    }

    [Fact]
    public void nothing_to_fix_says_so()
    {
        var report = SampleReports.Create();
        var passing = report with { Entries = report.Entries.Select(e => e with { Finding = e.Finding with { Status = CheckStatus.Pass } }).ToList() };

        Assert.Contains("-- Nothing to fix in SQL", new FixSqlRenderer().Render(passing));
        Assert.Contains("# Nothing to fix with the aws CLI", new FixAwsScriptRenderer().Render(passing));
    }

    [Fact]
    public void fix_scripts_are_written_whatever_the_formats()
    {
        var dir = Directory.CreateTempSubdirectory("cargo-doctor-fix-").FullName;

        var files = ReportWriter.WriteEach(SampleReports.Create(), dir, ReportWriter.Select(["junit"], new List<string>()));

        Assert.Empty(files.Unwritten);
        Assert.Equal(["report.junit.xml", "fix.sql", "fix-aws.sh"], files.Written.Select(Path.GetFileName));
    }
}

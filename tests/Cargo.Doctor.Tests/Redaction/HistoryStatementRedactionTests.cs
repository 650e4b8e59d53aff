using System.Text.Json;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Redaction;

/// <summary>
/// --redact over the history's statement text: a failed statement can name any table and hold any value,
/// configured or not, so every identifier and literal of it becomes a token, and the same names in the
/// error text too.
/// </summary>
[Trait("Category", "Unit")]
public sealed class HistoryStatementRedactionTests
{
    private const string Table = "payroll_secrets";
    private const string Literal = "ssn 123-45-6789";

    [Fact]
    public void a_table_name_and_a_string_literal_of_a_failed_statement_appear_in_no_redacted_output()
    {
        var now = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var history = new HistoryFacts
        {
            Days = 7,
            Since = now.AddDays(-7),
            Until = now,
            Failures =
            [
                new HistoryFailure("query", "SELECT", now.AddDays(-1), $"permission denied for relation {Table}", $"SELECT id FROM hr.{Table} WHERE note = '{Literal}'"),
                new HistoryFailure("query", "COPY", now.AddDays(-2), $"Load into table '{Table}' failed. Check 'sys_load_error_detail' system table for details.", $"COPY {Table} FROM 's3://x/y' IAM_ROLE 'arn:aws:iam::111122223333:role/R' FORMAT AS CSV WHERE '{Literal[..5]}"),
            ],
        };
        var sample = SampleReports.Create();
        var facts = sample.Facts with { Warehouse = new WarehouseFacts { CargoUser = "cargo_user", LoginUser = "cargo_user", History = history } };

        var redacted = FactsRedactor.Redact(facts);
        var report = sample with { Facts = redacted };
        var outputs = new[]
        {
            JsonSerializer.Serialize(redacted, FactsJsonContext.Default.FactsSnapshot),
            new MarkdownReportRenderer().Render(report),
            new HtmlReportRenderer().Render(report),
            new JsonReportRenderer().Render(report),
            new JUnitReportRenderer().Render(report),
        };

        foreach (var output in outputs)
        {
            Assert.DoesNotContain(Table, output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("123-45-6789", output, StringComparison.Ordinal);
            Assert.DoesNotContain("ssn 1", output, StringComparison.Ordinal);
        }

        var statements = redacted.Warehouse!.History!.Failures.Select(f => f.Statement!).ToList();
        Assert.StartsWith("SELECT identifier_", statements[0], StringComparison.Ordinal);
        Assert.Contains(" WHERE identifier_", statements[0], StringComparison.Ordinal);
        Assert.Contains("= 'literal_", statements[0], StringComparison.Ordinal);
        Assert.StartsWith("COPY identifier_", statements[1], StringComparison.Ordinal);
        Assert.Contains("Load into table 'identifier_", redacted.Warehouse.History.Failures[1].Message, StringComparison.Ordinal);

        // A column name is a token in the statement only: other texts keep the word.
        Assert.DoesNotContain("note", statements[0], StringComparison.Ordinal);
        Assert.Contains("Check 'sys_load_error_detail' system table", redacted.Warehouse.History.Failures[1].Message, StringComparison.Ordinal);
    }
}

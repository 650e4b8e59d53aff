using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Sources.Warehouse;

namespace Cargo.Doctor.Tests.Sources.History;

/// <summary>The history source's pure parts: statement shortening, the row cap in the SQL, the config key, redaction of statement text.</summary>
[Trait("Category", "Unit")]
public sealed class HistorySourceTests
{
    [Fact]
    public void a_statement_is_kept_short_and_on_one_line()
    {
        var statement = "INSERT INTO sales.customers\nVALUES ('" + new string('x', 300) + "')";

        var shortened = HistoryReader.Shorten(statement)!;

        Assert.Equal(HistoryFacts.StatementChars + 1, shortened.Length);
        Assert.StartsWith("INSERT INTO sales.customers VALUES ('xxx", shortened, StringComparison.Ordinal);
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
        Assert.Equal("SELECT 1", HistoryReader.Shorten("SELECT 1"));
    }

    [Fact]
    public void the_query_reads_at_most_the_cap_plus_one_rows()
    {
        var (sql, _) = WarehouseQuery.Load("history-failures").Bind();

        Assert.EndsWith($"LIMIT {HistoryFacts.RowCap + 1}", sql.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("warehouse:\n  historyDays: 0\n", 0)]
    [InlineData("warehouse:\n  historyDays: 30\n", 30)]
    [InlineData("warehouse:\n  user: cargo_user\n", 7)]
    public void the_config_key_sets_the_window(string yaml, int days) =>
        Assert.Equal(days, ConfigFile.Parse(yaml).Warehouse.HistoryDays);

    [Fact]
    public void redaction_tokenises_names_in_statement_text_and_messages()
    {
        var facts = new FactsSnapshot
        {
            ToolVersion = "t",
            StartedAt = DateTimeOffset.UnixEpoch,
            Target = new TargetDescription { Databases = ["analytics"], Schemas = ["analytics.payroll"], User = "cargo_user" },
            Warehouse = new WarehouseFacts
            {
                CargoUser = "cargo_user",
                LoginUser = "cargo_user",
                History = new HistoryFacts
                {
                    Days = 7,
                    Since = DateTimeOffset.UnixEpoch,
                    Until = DateTimeOffset.UnixEpoch,
                    Failures = [new("query", "SELECT", DateTimeOffset.UnixEpoch, "permission denied for schema payroll", "SELECT * FROM payroll.salaries WHERE owner = 'cargo_user'")],
                },
            },
        };

        var failure = FactsRedactor.Redact(facts).Warehouse!.History!.Failures[0];

        Assert.DoesNotContain("payroll", failure.Statement, StringComparison.Ordinal);
        Assert.DoesNotContain("payroll", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cargo_user", failure.Statement, StringComparison.Ordinal);
    }
}

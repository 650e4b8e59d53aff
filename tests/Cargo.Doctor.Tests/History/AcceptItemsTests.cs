using Cargo.Doctor.Accepted;
using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;

namespace Cargo.Doctor.Tests.History;

/// <summary>
/// Issue 22.3: an acceptance names what it accepts (<c>items:</c>) and stops applying when a new item
/// appears; entries without items keep working with a note; <c>match</c> must name something specific.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AcceptItemsTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static Finding TableGrants(CheckStatus status, params (string Table, string Lacks)[] tables) => new()
    {
        CheckId = TableGrantsRule.Id,
        Status = status,
        Summary = "s",
        Details = tables.Select(t => $"dev.sales.{t.Table} (table): missing {t.Lacks}").ToList(),
        DetailKeys = tables.Select(t => (ItemKey?)ItemKey.Of(("database", "dev"), ("schema", "sales"), ("table", t.Table), ("lacks", t.Lacks))).ToList(),
    };

    private static AcceptEntry Entry(string? match = null, string[]? items = null) =>
        new(TableGrantsRule.Id, match, "known", "data@example.com", Today.AddDays(10), "cargo.yaml: line 2: accept[0]", items);

    [Fact]
    public void items_written_while_the_check_was_unknown_do_not_accept_a_later_failure()
    {
        var unknown = new Finding { CheckId = TableGrantsRule.Id, Status = CheckStatus.Unknown, Summary = "could not read" };
        var items = FindingItemIdentity.AcceptableKeys(unknown).Select(k => k.Text).ToArray();
        var twenty = TableGrants(CheckStatus.Fail, Enumerable.Range(1, 20).Select(i => ($"t{i}", "INSERT")).ToArray());

        var then = AcceptedFindings.Apply([unknown], [Entry(items: items)], Today);
        var now = AcceptedFindings.Apply([twenty], [Entry(items: items)], Today);

        Assert.Equal(["status=unknown"], items);
        Assert.Equal(CheckStatus.Accepted, then.Findings[0].Status);
        Assert.Equal(CheckStatus.Fail, now.Findings[0].Status);
    }

    [Fact]
    public void listed_items_are_accepted_until_a_new_item_appears_and_the_note_names_it()
    {
        var items = new[] { "database=dev;schema=sales;table=orders;lacks=INSERT,DELETE" };

        var same = AcceptedFindings.Apply([TableGrants(CheckStatus.Fail, ("orders", "INSERT,DELETE"))], [Entry(items: items)], Today);
        var fewer = AcceptedFindings.Apply([TableGrants(CheckStatus.Fail, ("orders", "DELETE"))], [Entry(items: items)], Today);
        var more = AcceptedFindings.Apply([TableGrants(CheckStatus.Fail, ("orders", "INSERT,DELETE"), ("customers", "INSERT"))], [Entry(items: items)], Today);
        var otherPrivilege = AcceptedFindings.Apply([TableGrants(CheckStatus.Fail, ("orders", "UPDATE"))], [Entry(items: items)], Today);

        Assert.Equal(CheckStatus.Accepted, same.Findings[0].Status);
        Assert.Equal(CheckStatus.Accepted, fewer.Findings[0].Status);
        Assert.Equal(CheckStatus.Fail, more.Findings[0].Status);
        Assert.Contains(more.Notes, n => n.Contains("cover 1 of 2 items", StringComparison.Ordinal) && n.Contains("table=customers", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Fail, otherPrivilege.Findings[0].Status);
    }

    [Fact]
    public void an_entry_without_items_keeps_working_and_a_note_asks_for_items()
    {
        var result = AcceptedFindings.Apply([TableGrants(CheckStatus.Fail, ("orders", "INSERT"))], [Entry()], Today);

        Assert.Equal(CheckStatus.Accepted, result.Findings[0].Status);
        Assert.Contains(result.Notes, n => n.StartsWith("cargo.yaml: line 2: accept[0]: the acceptance of db.table-grants names no items", StringComparison.Ordinal)
            && n.Contains("database=dev;schema=sales;table=orders;lacks=INSERT", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\" \"")]
    [InlineData("\"\\t\"")]
    [InlineData("\":\"")]
    [InlineData("\".*\"")]
    [InlineData("\"*\"")]
    [InlineData("\"%\"")]
    [InlineData("\"a\"")]
    [InlineData("")]
    public void a_match_that_names_nothing_specific_is_a_config_error_naming_the_file_and_line(string match)
    {
        var yaml = $"accept:\n  - check: db.table-grants\n    match: {match}\n    reason: r\n    owner: o\n    expires: 2027-01-01\n";

        var e = Assert.Throws<ConfigException>(() => ConfigFile.Parse(yaml, "cargo.yaml"));

        Assert.Contains(e.Problems, p => p.StartsWith("cargo.yaml: line 3: accept[0].match: ", StringComparison.Ordinal));
    }

    [Fact]
    public void items_are_read_from_the_config_file_and_a_blank_item_is_refused()
    {
        var config = ConfigFile.Parse("accept:\n  - check: db.table-grants\n    items:\n      - \"database=dev;schema=sales;lacks=USAGE\"\n    match: sales\n    reason: r\n    owner: o\n    expires: 2027-01-01\n", "cargo.yaml");
        var e = Assert.Throws<ConfigException>(() => ConfigFile.Parse("accept:\n  - check: db.table-grants\n    items:\n      - \" \"\n    reason: r\n    owner: o\n    expires: 2027-01-01\n", "cargo.yaml"));

        Assert.Equal(["database=dev;schema=sales;lacks=USAGE"], config.Accept[0].Items);
        Assert.Equal("sales", config.Accept[0].Match);
        Assert.Contains(e.Problems, p => p.StartsWith("cargo.yaml: line 4: accept[0].items: an item is blank", StringComparison.Ordinal));
    }
}

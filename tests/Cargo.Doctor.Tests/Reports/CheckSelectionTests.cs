using Cargo.Doctor.Engine;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Reports;

[Trait("Category", "Unit")]
public sealed class CheckSelectionTests
{
    private static readonly Cargo.Doctor.Catalog.CheckCatalog Catalog = WarehouseScenario.Catalog;

    [Theory]
    [InlineData("db.*", "db.table-grants", true)]
    [InlineData("db.*", "net.ingress", false)]
    [InlineData("*grants", "db.future-grants", true)]
    [InlineData("db.?onnect", "db.connect", true)]
    [InlineData("db.connect", "db.connect-x", false)]
    [InlineData("db.user.exists", "db.user-exists", false)]
    public void globs_match_whole_ids(string pattern, string id, bool matches) =>
        Assert.Equal(matches, CheckSelection.Matches(pattern, id));

    [Fact]
    public void dependencies_of_selected_checks_run_and_the_rest_do_not()
    {
        var selection = CheckSelection.Create(Catalog, ["db.table-grants"], []);

        Assert.True(selection.Runs("db.table-grants"));
        Assert.True(selection.Runs("db.user-exists"));
        Assert.True(selection.Runs("db.connect"));
        Assert.False(selection.Runs("db.function-role"));
        Assert.Equal(["db.connect", "db.user-exists"], selection.AddedAsDependencies.Order());
    }

    [Fact]
    public void skip_removes_checks_but_not_needed_dependencies()
    {
        var selection = CheckSelection.Create(Catalog, ["db.*"], ["db.user-exists", "db.*-grants"]);

        Assert.False(selection.Runs("db.table-grants"));
        Assert.False(selection.Runs("db.future-grants"));
        Assert.True(selection.Runs("db.function-role"));
        Assert.True(selection.Runs("db.user-exists")); // db.function-role needs it
        Assert.Contains("db.user-exists", selection.AddedAsDependencies);
    }

    [Fact]
    public void comma_separated_patterns_are_split()
    {
        var selection = CheckSelection.Create(Catalog, ["db.connect, db.user-exists"], []);

        Assert.True(selection.Runs("db.user-exists"));
        Assert.False(selection.Runs("db.table-grants"));
    }

    [Fact]
    public void a_pattern_that_matches_nothing_is_a_usage_error()
    {
        Assert.Equal(["no check matches 'dbb.*'; `cargo-doctor checks` lists them"], CheckSelection.Problems(Catalog, ["dbb.*"], []));
        Assert.Single(CheckSelection.Problems(Catalog, [], ["nope"]));
        Assert.Equal(["--checks/--skip leave no check to run"], CheckSelection.Problems(Catalog, ["db.connect"], ["db.*"]));
        Assert.Throws<ArgumentException>(() => CheckSelection.Create(Catalog, ["dbb.*"], []));
    }

    [Fact]
    public void runner_reports_unselected_checks_as_skipped_not_selected()
    {
        var selection = CheckSelection.Create(Catalog, ["db.user-exists"], []);
        var facts = SampleReports.Facts();

        var findings = new CheckRunner(Catalog, RuleSet.All, selection).Run(facts);

        var tables = findings.Single(f => f.CheckId == "db.table-grants");
        Assert.Equal(CheckStatus.Skipped, tables.Status);
        Assert.Equal(CheckSelection.NotSelectedSummary, tables.Summary);
        Assert.NotEqual(CheckSelection.NotSelectedSummary, findings.Single(f => f.CheckId == "db.connect").Summary);
        Assert.NotEqual(CheckSelection.NotSelectedSummary, findings.Single(f => f.CheckId == "db.user-exists").Summary);
        Assert.Equal(Catalog.Checks.Count, findings.Count);
    }

    [Fact]
    public void the_header_counts_checks_left_out_by_the_selection_flag_not_by_their_summary_text()
    {
        var selection = CheckSelection.Create(Catalog, ["db.user-exists"], []);
        var facts = SampleReports.Facts();
        var findings = new CheckRunner(Catalog, RuleSet.All, selection).Run(facts)
            // A rule whose own summary reads like the selection's words was still evaluated.
            .Select(f => f.CheckId == "db.connect" ? f with { Summary = CheckSelection.NotSelectedSummary } : f)
            .ToList();

        var report = Cargo.Doctor.Reports.Report.Create(facts, Catalog, findings, TimeSpan.Zero);
        var evaluated = findings.Count(f => !f.NotSelected);

        Assert.True(findings.Single(f => f.CheckId == "db.table-grants").NotSelected);
        Assert.False(findings.Single(f => f.CheckId == "db.connect").NotSelected);
        Assert.Equal(2, evaluated); // db.user-exists and the db.connect it depends on
        Assert.StartsWith($"{evaluated} of {Catalog.Checks.Count} evaluated", Cargo.Doctor.Reports.ReportHeader.Rows(report).Single(r => r.Name == "Checks").Value);
    }
}

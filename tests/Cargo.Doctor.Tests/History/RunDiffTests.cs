using Cargo.Doctor.Findings;
using Cargo.Doctor.History;
using Cargo.Doctor.Rules.Db;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 10.1: every diff category on hand-made pairs of runs.</summary>
[Trait("Category", "Unit")]
public sealed class RunDiffTests
{
    private static RunFinding F(string id, CheckStatus status, params string[] details) => new(id, id + " title", status, details);

    private static RunFindings Run(params RunFinding[] findings) => new("test", findings);

    private static CheckChange Only(RunDiff diff, string id) => diff.Changes.Single(c => c.CheckId == id);

    [Fact]
    public void a_failing_warning_or_unknown_check_that_now_passes_is_fixed()
    {
        var diff = RunDiff.Compare(
            Run(F("a", CheckStatus.Fail), F("b", CheckStatus.Warn), F("c", CheckStatus.Unknown)),
            Run(F("a", CheckStatus.Pass), F("b", CheckStatus.Pass), F("c", CheckStatus.Pass)));

        Assert.All(diff.Changes, c => Assert.Equal(ChangeKind.Fixed, c.Kind));
        Assert.False(diff.Regressed);
    }

    [Theory]
    [InlineData(CheckStatus.Pass, CheckStatus.Fail)]
    [InlineData(CheckStatus.Pass, CheckStatus.Warn)]
    [InlineData(CheckStatus.Unknown, CheckStatus.Fail)]
    [InlineData(CheckStatus.Skipped, CheckStatus.Warn)]
    [InlineData(CheckStatus.Warn, CheckStatus.Fail)]
    public void a_check_that_goes_to_fail_or_warn_from_something_better_regressed(CheckStatus before, CheckStatus after)
    {
        var diff = RunDiff.Compare(Run(F("a", before)), Run(F("a", after)));

        Assert.Equal(ChangeKind.Regressed, Only(diff, "a").Kind);
        Assert.True(diff.Regressed);
    }

    [Theory]
    [InlineData(CheckStatus.Fail, CheckStatus.Fail)]
    [InlineData(CheckStatus.Warn, CheckStatus.Warn)]
    [InlineData(CheckStatus.Fail, CheckStatus.Warn)]
    public void a_check_that_fails_or_warns_in_both_runs_is_still_failing(CheckStatus before, CheckStatus after)
    {
        var diff = RunDiff.Compare(Run(F("a", before)), Run(F("a", after)));

        Assert.Equal(ChangeKind.StillFailing, Only(diff, "a").Kind);
        Assert.False(diff.Regressed);
    }

    [Fact]
    public void a_check_only_in_the_new_run_is_new_and_one_only_in_the_old_run_is_removed()
    {
        var diff = RunDiff.Compare(Run(F("old.only", CheckStatus.Fail)), Run(F("new.only", CheckStatus.Fail)));

        Assert.Equal(ChangeKind.New, Only(diff, "new.only").Kind);
        Assert.Equal(ChangeKind.Removed, Only(diff, "old.only").Kind);
        Assert.False(diff.Regressed);
    }

    [Fact]
    public void a_passing_check_that_still_passes_is_unchanged_and_one_that_becomes_unknown_changed()
    {
        var diff = RunDiff.Compare(
            Run(F("a", CheckStatus.Pass), F("b", CheckStatus.Pass)),
            Run(F("a", CheckStatus.Pass), F("b", CheckStatus.Unknown)));

        Assert.Equal(ChangeKind.Unchanged, Only(diff, "a").Kind);
        Assert.Equal(ChangeKind.Changed, Only(diff, "b").Kind);
        Assert.False(diff.Regressed);
    }

    [Fact]
    public void within_a_failing_check_the_detail_lines_that_appeared_and_disappeared_are_listed_and_a_new_one_is_a_regression()
    {
        var diff = RunDiff.Compare(
            Run(F(TableGrantsRule.Id, CheckStatus.Fail, "sales.orders: missing INSERT", "sales.customers: missing UPDATE")),
            Run(F(TableGrantsRule.Id, CheckStatus.Fail, "sales.orders: missing INSERT", "sales.orders: missing DELETE")));

        var change = Only(diff, TableGrantsRule.Id);
        // Issue 22.1: a new item of a check that was already failing is new, not "still failing".
        Assert.Equal(ChangeKind.Regressed, change.Kind);
        Assert.Equal(["sales.orders: missing DELETE"], change.Appeared);
        Assert.Equal(["sales.customers: missing UPDATE"], change.Disappeared);
    }

    [Fact]
    public void changes_are_listed_regressed_first_then_still_failing_new_fixed_removed_changed_unchanged()
    {
        var diff = RunDiff.Compare(
            Run(F("u", CheckStatus.Pass), F("f", CheckStatus.Fail), F("r", CheckStatus.Pass), F("s", CheckStatus.Fail), F("gone", CheckStatus.Pass)),
            Run(F("u", CheckStatus.Pass), F("f", CheckStatus.Pass), F("r", CheckStatus.Fail), F("s", CheckStatus.Fail), F("n", CheckStatus.Warn)));

        Assert.Equal(["r", "s", "n", "f", "gone", "u"], diff.Changes.Select(c => c.CheckId));
    }
}

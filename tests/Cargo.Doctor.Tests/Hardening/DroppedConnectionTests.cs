using Cargo.Doctor.Catalog;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 22.12: the connection opened, then dropped before the first catalog read. db.connect passed
/// while every other check said no connection succeeded, and the run exited 0.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DroppedConnectionTests
{
    [Fact]
    public void a_connection_lost_before_the_first_read_fails_db_connect()
    {
        var lost = new Gap("the connection to \"dev\" was lost during the session statement: Exception while reading from stream");

        var finding = Run(lost).Single(f => f.CheckId == ConnectRule.Id);

        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("the connection did not hold", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void a_first_read_refused_for_another_reason_is_unknown_not_a_pass()
    {
        var refused = new Gap("could not read the user catalog: permission denied for relation pg_user");

        var finding = Run(refused).Single(f => f.CheckId == ConnectRule.Id);

        Assert.Equal(CheckStatus.Unknown, finding.Status);
    }

    private static IReadOnlyList<Finding> Run(Gap gap)
    {
        var facts = FactsFiles.AllGood();
        var database = facts.Warehouse!.Databases[0];
        facts = facts with
        {
            Warehouse = facts.Warehouse with
            {
                User = null,
                Rbac = null,
                Databases = [new DatabaseFacts { Name = database.Name, Connection = database.Connection, PrivilegesGap = gap, TablesGap = gap, FutureGrantsGap = gap }],
            },
        };
        return new CheckRunner(CatalogLoader.LoadDefault(), RuleSet.All).Run(facts);
    }
}

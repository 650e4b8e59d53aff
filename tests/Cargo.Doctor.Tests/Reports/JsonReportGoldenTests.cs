using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>
/// Issue 11 (JSON without reflection): report.json stays the same bytes, property order, null
/// handling, number formats and escaping included. The report has every optional field: a baseline,
/// an accepted and an expired acceptance, a hostile schema name, notes and a statement count.
/// </summary>
[Trait("Category", "Unit")]
public sealed class JsonReportGoldenTests
{
    [Fact]
    public void report_json_is_byte_for_byte_the_pinned_file()
    {
        var json = new JsonReportRenderer().Render(FullReport());

        GoldenFile.AssertMatches("tests/Cargo.Doctor.Tests/Reports/Golden/report.json", json.Replace($"\"version\": \"{ToolVersion.Current}\"", "\"version\": \"(current)\"", StringComparison.Ordinal));
    }

    private static Report FullReport()
    {
        var facts = SampleReports.Facts() with
        {
            ToolVersion = "0.0.9-old",
            Warehouse = new WarehouseFacts { CargoUser = "cargo_user", LoginUser = "admin", StatementCount = 9 },
            Notes = ["acceptance for \"net.ingress\" matched nothing", "Ünïcødé <b>note</b> & 'q'"],
        };
        var findings = SampleReports.Findings().Select(f => f.CheckId switch
        {
            FutureGrantsRule.Id => f with
            {
                Status = CheckStatus.Accepted,
                Acceptance = new AcceptanceNote("owners' tables are recreated <nightly>", "data@example.com", new DateOnly(2027, 3, 31), "sales", CheckStatus.Unknown, false) { Items = ["status=unknown"] },
            },
            TableGrantsRule.Id => f with
            {
                Acceptance = new AcceptanceNote("expired", "ops@example.com", new DateOnly(2025, 1, 31), null, CheckStatus.Fail, true),
                Duration = TimeSpan.FromTicks(1234567),
            },
            _ => f,
        }).ToList();
        return Report.Create(facts, WarehouseScenario.Catalog, findings, TimeSpan.FromMilliseconds(2500.7)) with
        {
            FailOn = FailThreshold.Warn,
            Baseline = new BaselineRun(
                new Dictionary<string, BaselineCheck>
                {
                    [ConnectRule.Id] = new(CheckStatus.Fail, []),
                    // One of the two items was already failing: the other is new.
                    [SchemaUsageRule.Id] = new(CheckStatus.Fail, [ItemKey.Line("schema \"<script>\": missing USAGE")]),
                    [DatabasePrivilegesRule.Id] = new(CheckStatus.Pass, []),
                },
                false),
        };
    }
}

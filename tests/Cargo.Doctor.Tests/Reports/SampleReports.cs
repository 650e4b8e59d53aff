using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>
/// A report built by hand (no warehouse): one check of each status, a hostile schema name, a long
/// fix. For renderer tests that must not depend on what the rules say today.
/// </summary>
public static class SampleReports
{
    public const string HostileSchema = "<script>alert(\"pwn\")</script> Ünïcødé 'q'";

    public static FactsSnapshot Facts() => new()
    {
        ToolVersion = ToolVersion.Current,
        StartedAt = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero),
        Target = new TargetDescription
        {
            Host = "examplecluster.c1abcdef2ghi.us-east-1.redshift.amazonaws.com",
            Port = 5439,
            Databases = ["dev"],
            Schemas = ["dev.sales", "dev.\"<script>\""],
            User = "cargo_user",
            FunctionRole = "cargo_create_replace_function",
            Region = "us-east-1",
            ClusterIdentifier = "examplecluster",
        },
    };

    /// <summary>db.* findings: pass, pass, warn, fail (with a 60-line fix), unknown, skipped, fail.</summary>
    public static IReadOnlyList<Finding> Findings() =>
    [
        F(ConnectRule.Id, CheckStatus.Pass, "connected over SSL"),
        F(UserExistsRule.Id, CheckStatus.Pass, "cargo_user exists"),
        F(DatabasePrivilegesRule.Id, CheckStatus.Warn, "no TEMP on dev",
            [new RemediationStep("grant-temp", "sql", "GRANT TEMP ON DATABASE \"dev\" TO \"cargo_user\";")]),
        F(SchemaUsageRule.Id, CheckStatus.Fail, $"no USAGE on schema {HostileSchema}",
            [
                new RemediationStep("create-schema", "console", "Connected to database dev, as an admin:"),
                new RemediationStep("create-schema", "sql", "CREATE SCHEMA \"<script>\";\nGRANT USAGE ON SCHEMA \"<script>\" TO \"cargo_user\";"),
            ],
            ["schema \"<script>\": missing USAGE", $"schema {HostileSchema}: missing"]),
        F(TableGrantsRule.Id, CheckStatus.Fail, "60 table(s) lack privileges",
            [new RemediationStep("grant-tables", "sql", string.Join("\n", Enumerable.Range(1, 60).Select(i => $"GRANT SELECT ON \"sales\".\"t{i}\" TO \"cargo_user\";")))],
            Enumerable.Range(1, 60).Select(i => $"sales.t{i}: SELECT").ToList()),
        F(FutureGrantsRule.Id, CheckStatus.Unknown, "could not read default privileges (needs superuser)"),
        F(FunctionRoleRule.Id, CheckStatus.Skipped, "blocked by db.schema-usage"),
    ];

    public static Report Create(FailThreshold failOn = FailThreshold.Fail) =>
        Report.Create(Facts(), WarehouseScenario.Catalog, Findings(), TimeSpan.FromSeconds(2.5)) with { FailOn = failOn };

    private static Finding F(string id, CheckStatus status, string summary, IReadOnlyList<RemediationStep>? fix = null, IReadOnlyList<string>? details = null) =>
        new()
        {
            CheckId = id,
            Status = status,
            Summary = summary,
            Details = details ?? [],
            Remediation = fix ?? [],
            Duration = TimeSpan.FromMilliseconds(12.5),
        };
}

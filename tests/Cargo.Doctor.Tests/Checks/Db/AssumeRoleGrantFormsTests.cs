using System.Text.Json;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.StandIn;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>
/// Issue 20 item 3: ASSUMEROLE grants come ON 'role[,role]', ON default and ON ALL, to users, roles, groups and
/// PUBLIC (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html); "granted via" names the grant that applies.
/// The setup runs as Redshift SQL through the stand-in's SQL path.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Cli")]
public sealed class AssumeRoleGrantFormsTests(PostgresServer server, DedicatedStandIn warehouse)
    : IClassFixture<PostgresServer>, IClassFixture<DedicatedStandIn>
{
    private const string Customer = "arn:aws:iam::123456789012:role/cargo-redshift-access";
    private const string Cargo = "arn:aws:iam::210987654321:role/cargo-data-loader";

    [Theory]
    [InlineData("GRANT ASSUMEROLE ON ALL TO ROLE cargo_loader FOR ALL;", "granted via: role \"cargo_loader\" (ON ALL)")]
    [InlineData("GRANT ASSUMEROLE ON '" + Customer + "," + Cargo + "' TO ROLE cargo_loader FOR COPY, UNLOAD;", "granted via: role \"cargo_loader\"")]
    public async Task granted_via_names_the_grant_that_applies(string grant, string via)
    {
        Assert.NotNull(server);
        await warehouse.FreshAsync();
        await warehouse.RedshiftAsync($"""
            CREATE USER cargo_user PASSWORD '{DedicatedStandIn.Password}';
            CREATE ROLE cargo_loader;
            GRANT ROLE cargo_loader TO cargo_user;
            REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL;
            {grant}
            """);
        var outDir = Directory.CreateTempSubdirectory("cargo-doctor-assumerole-").FullName;
        try
        {
            var result = await CliProcess.RunAsync(
                ["check", "--endpoint", $"{warehouse.StandIn.Host}:{warehouse.StandIn.Port}/{DedicatedStandIn.Database}", "--sslmode", "require",
                 "--user", "cargo_user", "--login-user", PostgresServer.AdminUser, "--role-arn", Customer, "--cargo-role-arn", Cargo,
                 "--checks", AssumeRolePrivilegeRule.Id, "--read-only", "--out", outDir, "--format", "json"],
                new Dictionary<string, string?> { ["CARGO_DOCTOR_PASSWORD"] = PostgresServer.AdminPassword, ["CI"] = "true" });

            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"), TestContext.Current.CancellationToken));
            var finding = report.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("checkId").GetString() == AssumeRolePrivilegeRule.Id);
            var details = finding.GetProperty("details").EnumerateArray().Select(d => d.GetString()!).ToList();
            Assert.True(finding.GetProperty("status").GetString() == "pass", result + "\n" + string.Join("\n", details));
            Assert.Contains(details, d => d.StartsWith("COPY " + via, StringComparison.Ordinal) && (via.EndsWith(')') || !d.Contains("ON ALL", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}

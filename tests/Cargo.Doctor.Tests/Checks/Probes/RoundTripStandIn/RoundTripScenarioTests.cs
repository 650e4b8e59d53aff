using System.Text;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;
using static Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn.RoundTripCli;

namespace Cargo.Doctor.Tests.Checks.Probes.RoundTripStandIn;

/// <summary>
/// probe.copy-round-trip for real: the CLI as a child process, through the Redshift stand-in, against
/// a world that is right or wrong in one way. Each test asserts the verdict, the named cause and its
/// fix, the objects in the stand-in's S3, and that the warehouse is left as it was.
/// </summary>
public sealed class RoundTripScenarioTests(PostgresServer server)
{
    /// <summary>PostgreSQL's CSV of the probe's rows (the stand-in's stand-in for Redshift's CSV writer).</summary>
    private const string ExpectedCsv =
        "1,plain text,12345.6789,2024-02-29 23:59:59.123456,t\n" +
        "2,\"it's \"\"quoted\"\", with a comma | and a pipe\",-0.0001,1999-12-31 00:00:00,f\n" +
        "3,\"Grüße, 東京 ✓ ñ\",0.0000,2038-01-19 03:14:07.5,t\n" +
        "4,cargo-doctor-null,cargo-doctor-null,cargo-doctor-null,cargo-doctor-null\n" +
        "5,last row,99999999999999.9999,1970-01-01 00:00:01,f\n";

    [Fact]
    public async Task all_good_provisioned_writes_one_serial_object_and_reads_it_back()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        await using var standIn = await RedshiftStandIn.StartAsync(server, w => GoodWorld(w.Provisioned()));
        var before = await CatalogSnapshot.TakeAsync(scenario);

        var run = await RunAsync(standIn, scenario);

        Assert.True("pass" == run.Status(Probe), run.ToString());
        Assert.Empty(standIn.Faults);
        Assert.Contains("rows identical", run.Summary(Probe));
        Assert.Equal([$"s3://{ProbeConfigs.Bucket}/{run.KeyPrefix}000"], standIn.S3.AllObjects());
        Assert.Equal(ExpectedCsv, standIn.S3.GetText(ProbeConfigs.Bucket, run.KeyPrefix + "000"));
        Assert.Equal(Encoding.UTF8.GetBytes(ExpectedCsv), standIn.S3.Get(ProbeConfigs.Bucket, run.KeyPrefix + "000"));
        Assert.Equal(["UNLOAD", "COPY"], standIn.Statements.Select(s => s.Text.Split(' ')[0]));
        Assert.All(standIn.Statements, s => Assert.Null(s.ErrorKind));
        Assert.All(standIn.Statements, s => Assert.Equal(scenario.User, s.User));
        Assert.DoesNotContain("REGION", standIn.Statements[0].Text);
        Assert.Equal(before, await CatalogSnapshot.TakeAsync(scenario));
    }
}

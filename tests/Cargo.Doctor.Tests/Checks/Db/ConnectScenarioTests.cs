using System.Net;
using System.Net.Sockets;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Db;

/// <summary>db.connect: each way a login fails gets its own message and fix.</summary>
[Trait("Category", "Warehouse")]
public sealed class ConnectScenarioTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task wrong_password_is_an_auth_failure_and_blocks_the_rest()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);

        var result = await scenario.CheckAsync(scenario.Config("sales"), password: "not-the-password");

        var connect = result[ConnectRule.Id];
        Assert.Equal(CheckStatus.Fail, connect.Status);
        Assert.Contains("password authentication failed", connect.Summary);
        Assert.Contains(connect.Remediation, r => r.Key == "auth" && r.Text.Contains($"ALTER USER \"{scenario.User}\""));
        Assert.Equal("blocked by db.connect", result[UserExistsRule.Id].Summary);
        Assert.Equal(CheckStatus.Skipped, result[TableGrantsRule.Id].Status);
    }

    [Fact]
    public async Task nothing_listening_on_the_port_is_reported_as_refused()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var config = scenario.Config("sales");

        var result = await scenario.CheckAsync(config with { Warehouse = config.Warehouse with { Port = ClosedPort() } });

        var connect = result[ConnectRule.Id];
        Assert.Equal(CheckStatus.Fail, connect.Status);
        Assert.Contains("nothing is listening", connect.Summary);
        Assert.Equal("refused", result.Facts.Warehouse!.Databases[0].Connection.FailureKind);
    }

    [Fact]
    public async Task missing_database_is_named()
    {
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var config = scenario.Config("sales");

        var result = await scenario.CheckAsync(config with { Warehouse = config.Warehouse with { Databases = [scenario.Database, "no_such_db"] } });

        var connect = result[ConnectRule.Id];
        Assert.Equal(CheckStatus.Fail, connect.Status);
        Assert.Contains("database \"no_such_db\" does not exist", connect.Summary);
        Assert.Contains(connect.Remediation, r => r.Text.Contains("CREATE DATABASE \"no_such_db\";"));
    }

    [Fact]
    public async Task a_database_named_in_another_case_gets_the_stored_spelling_never_a_create_database()
    {
        // r_names.html: Redshift folds database names to lower case, so "Sales" typed by a customer is
        // stored as "sales"; creating "Sales" again would collide with it.
        var scenario = await WarehouseScenario.CreateReadyAsync(server);
        var config = scenario.Config("sales");
        var typed = scenario.Database.ToUpperInvariant();

        var result = await scenario.CheckAsync(config with { Warehouse = config.Warehouse with { Databases = [scenario.Database, typed] } });

        var connect = result[ConnectRule.Id];
        Assert.Equal(CheckStatus.Fail, connect.Status);
        var fix = Assert.Single(connect.Remediation);
        Assert.Equal("database-other-case", fix.Key);
        Assert.Contains($"--database '{scenario.Database}'", fix.Text);
        Assert.DoesNotContain("CREATE DATABASE", fix.Text);
        Assert.Equal([scenario.Database], result.Facts.Warehouse!.Databases[1].OtherSpellings);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

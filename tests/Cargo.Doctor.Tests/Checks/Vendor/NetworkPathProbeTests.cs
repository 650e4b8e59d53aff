using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Cargo.Doctor.Config;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Vendor;
using Cargo.Doctor.Sources.Vendor;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Checks.Vendor;

/// <summary>
/// Issue 25 item 4: the vendor-side probe, on loopback only. A stand-in server answers PostgreSQL's SSL request with 'N'
/// and the startup message with AuthenticationMD5Password (R, length 12, code 5), as the protocol pages describe
/// (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL,
/// https://www.postgresql.org/docs/current/protocol-message-formats.html); a closed port is a refusal.
/// </summary>
[Trait("Category", "Aws")]
public sealed class NetworkPathProbeTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    private static async Task ServeOnceAsync(TcpListener listener, CancellationToken ct)
    {
        using var client = await listener.AcceptTcpClientAsync(ct);
        var stream = client.GetStream();
        var sslRequest = new byte[8];
        await stream.ReadExactlyAsync(sslRequest, ct);
        await stream.WriteAsync("N"u8.ToArray(), ct);
        var length = new byte[4];
        await stream.ReadExactlyAsync(length, ct);
        var rest = new byte[BinaryPrimitives.ReadInt32BigEndian(length) - 4];
        await stream.ReadExactlyAsync(rest, ct);
        var md5 = new byte[13];
        md5[0] = (byte)'R';
        BinaryPrimitives.WriteInt32BigEndian(md5.AsSpan(1), 12);
        BinaryPrimitives.WriteInt32BigEndian(md5.AsSpan(5), 5);
        await stream.WriteAsync(md5, ct);
    }

    private async Task<Finding> RuleOnAsync(Cargo.Doctor.Facts.VendorProbeFacts probe)
    {
        var facts = VendorScenario.Snapshot((await scenario.ReadAsync()) with { Probe = probe });
        return VendorScenario.Run(facts).Single(f => f.CheckId == NetworkPathRule.Id);
    }

    [Fact]
    public async Task a_server_that_reaches_the_authentication_request_without_tls_is_a_warning()
    {
        var ct = TestContext.Current.CancellationToken;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = ServeOnceAsync(listener, ct);

        var probe = await new VendorNetworkProbe(TimeSpan.FromSeconds(30)).RunAsync("127.0.0.1", port, "dev", "cargo_user", ct);
        await serving;
        listener.Stop();

        Assert.Equal(["tcp:ok", "tls:refused", "startup:ok"], probe.Steps.Select(s => $"{s.Step}:{s.Outcome}"));
        Assert.Contains("MD5", probe.Steps[^1].Detail);
        var finding = await RuleOnAsync(probe);
        Assert.Equal(CheckStatus.Warn, finding.Status);
        Assert.Contains("without TLS", finding.Summary);
    }

    [Fact]
    public async Task a_closed_port_is_a_refusal_that_fails()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var probe = await new VendorNetworkProbe(TimeSpan.FromSeconds(30)).RunAsync("127.0.0.1", port, "dev", "cargo_user", TestContext.Current.CancellationToken);

        Assert.Equal("tcp:refused", $"{probe.Steps[^1].Step}:{probe.Steps[^1].Outcome}");
        var finding = await RuleOnAsync(probe);
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("refuses the connection", finding.Summary);
    }

    [Fact]
    public async Task without_probe_the_check_is_skipped()
    {
        Assert.Equal(CheckStatus.Skipped, (await scenario.VendorAsync())[NetworkPathRule.Id].Status);
    }

    /// <summary>Answers the SSL request with 'N' and waits until the client closes the connection.</summary>
    internal static async Task RefuseSslAsync(TcpListener listener, CancellationToken ct)
    {
        using var client = await listener.AcceptTcpClientAsync(ct);
        var stream = client.GetStream();
        var sslRequest = new byte[8];
        await stream.ReadExactlyAsync(sslRequest, ct);
        await stream.WriteAsync("N"u8.ToArray(), ct);
        var rest = new byte[256];
        while (await stream.ReadAsync(rest, ct) > 0)
        {
        }
    }

    [Fact]
    public async Task a_server_refusing_ssl_when_the_config_requires_it_fails_as_ssl_refused_with_its_remedy()
    {
        var ct = TestContext.Current.CancellationToken;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = RefuseSslAsync(listener, ct);

        var probe = await new VendorNetworkProbe(TimeSpan.FromSeconds(30)).RunAsync("127.0.0.1", port, "dev", "cargo_user", ct, WarehouseSslMode.Require);
        await serving;
        listener.Stop();

        Assert.Equal(["tcp:ok", "tls:ssl-refused"], probe.Steps.Select(s => $"{s.Step}:{s.Outcome}"));
        Assert.Contains("sslmode require", probe.Steps[^1].Detail);
        var finding = await RuleOnAsync(probe);
        Assert.Equal(CheckStatus.Fail, finding.Status);
        Assert.Contains("refuses SSL, which Cargo's connection requires", finding.Summary);
        var remedy = Assert.Single(finding.Remediation, r => r.Key == "ssl-refused");
        Assert.Contains("Cargo connects only over SSL", remedy.Text);
        Assert.Contains($"127.0.0.1:{port}", remedy.Text);
    }
}

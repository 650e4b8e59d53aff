using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Cargo.Doctor.Tests.Cli;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Redaction;

/// <summary>
/// Issue 25: `vendor --redact` tokenises Cargo's bucket, prefix, role names and ARNs, the KMS key id and ARN, the probe's
/// host and user and both account ids in every file it writes (reports, fix-aws.sh, the saved facts) and on the terminal,
/// through the one token map.
/// </summary>
[Trait("Category", "Cli")]
[Trait("Category", "Aws")]
public sealed class VendorRedactionTests : IDisposable
{
    private const string ProbeUser = "cargo_probe_loader";
    private readonly VendorScenario scenario = new();
    private readonly string outDir = Directory.CreateTempSubdirectory("vendor-redact").FullName;

    public void Dispose()
    {
        scenario.Dispose();
        Directory.Delete(outDir, recursive: true);
    }

    /// <summary>Answers the SSL request with 'N' and the startup with AuthenticationMD5Password (R, length 12, code 5).</summary>
    private static async Task ServeOnceAsync(TcpListener listener, CancellationToken ct)
    {
        using var client = await listener.AcceptTcpClientAsync(ct);
        var stream = client.GetStream();
        await stream.ReadExactlyAsync(new byte[8], ct);
        await stream.WriteAsync("N"u8.ToArray(), ct);
        var length = new byte[4];
        await stream.ReadExactlyAsync(length, ct);
        await stream.ReadExactlyAsync(new byte[BinaryPrimitives.ReadInt32BigEndian(length) - 4], ct);
        var md5 = new byte[13];
        md5[0] = (byte)'R';
        BinaryPrimitives.WriteInt32BigEndian(md5.AsSpan(1), 12);
        BinaryPrimitives.WriteInt32BigEndian(md5.AsSpan(5), 5);
        await stream.WriteAsync(md5, ct);
    }

    [Fact]
    public async Task a_redacted_vendor_run_writes_none_of_cargos_names_anywhere()
    {
        var ct = TestContext.Current.CancellationToken;
        // Broken so that fix-aws.sh names the role, the customer's role, the bucket, the prefix and the key.
        scenario.CargoRole.TrustPolicy = VendorScenario.TrustOf("arn:aws:iam::123456789012:role/someone-else");
        scenario.CargoRole.InlinePolicies["cargo-bucket"] = VendorScenario.BucketAccessPolicy("customers/other");
        scenario.Key.Policy = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{CargoAccountId}}}}:role/key-admin"},"Action":"kms:*","Resource":"*"}]}
            """;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = ServeOnceAsync(listener, ct);
        var factsPath = Path.Combine(outDir, "vendor-facts.json");

        var run = await CliProcess.RunAsync(
            [
                "vendor", "--cargo-role-arn", CargoRoleArn, "--role-arn", CustomerRoleArn, "--bucket", VendorScenario.Bucket,
                "--prefix", VendorScenario.Prefix, "--region", VendorScenario.Region, "--out", outDir, "--save-facts", factsPath,
                "--endpoint", $"postgresql://{ProbeUser}@127.0.0.1:{port}/dev", "--probe", "--redact", "--format", "md,html,json,junit,sarif",
            ],
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL"] = scenario.Fake.Url.ToString(),
                ["AWS_ACCESS_KEY_ID"] = VendorScenario.CargoCaller.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = VendorScenario.CargoCaller.SecretKey,
                ["AWS_MAX_ATTEMPTS"] = "1",
                ["CARGO_DOCTOR_PASSWORD"] = null,
                ["PGPASSWORD"] = null,
                ["CI"] = "true",
            });
        await serving;
        listener.Stop();

        Assert.True(run.ExitCode == 1, run.ToString());
        var script = await File.ReadAllTextAsync(Path.Combine(outDir, "fix-aws.sh"), ct);
        Assert.Contains("aws iam update-assume-role-policy", script);
        Assert.Contains("aws kms create-grant", script);
        var raw = new[]
        {
            VendorScenario.Bucket, VendorScenario.Prefix, VendorScenario.CargoRoleName, CustomerRoleName, CargoRoleArn, CustomerRoleArn,
            VendorScenario.KeyId, scenario.KeyArn, CargoAccountId, AccountId, ProbeUser, "127.0.0.1", "someone-else",
        };
        var files = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(factsPath, files);
        var leaks = new List<string>();
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, ct);
            leaks.AddRange(raw.Where(name => text.Contains(name, StringComparison.Ordinal)).Select(name => $"{Path.GetFileName(file)}: {name}"));
        }

        leaks.AddRange(raw.Where(name => (run.Stdout + run.Stderr).Contains(name, StringComparison.Ordinal)).Select(name => $"terminal: {name}"));
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        var facts = Cargo.Doctor.Facts.FactsJson.Deserialize(await File.ReadAllTextAsync(factsPath, ct));
        Assert.True(facts.Redacted);
        Assert.Equal(["tcp:ok", "tls:refused", "startup:ok"], facts.Vendor?.Probe?.Steps.Select(s => $"{s.Step}:{s.Outcome}"));
        Assert.StartsWith("user_", facts.Vendor!.Probe!.User);
        Assert.StartsWith("prefix_", facts.Vendor.Prefix);
        Assert.StartsWith("bucket_", facts.Vendor.Bucket);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Bench;

/// <summary>
/// The aws part of scripts/bench.sh: a network-complete account in the stateful fake (cluster with enhanced VPC
/// routing, subnet group, route tables with a prefix-list route to an S3 gateway endpoint, internet gateway, network
/// ACLs, security group, VPC endpoints), at two sizes, and `cargo-doctor check` run against it on loopback. Each run
/// prints the AWS read time the tool printed and the requests the fake received during that run.
/// </summary>
public static partial class AwsBench
{
    private const string Bucket = "cargo-exchange-eu";

    public static void Run(string[] args)
    {
        if (args.Length != 3 || args[1] is not ("few" or "many") || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var runs))
        {
            Console.Error.WriteLine("usage: AwsBenchHost <cargo-doctor> <few|many> <runs>");
            Environment.Exit(2);
            return;
        }

        var (tool, many) = (args[0], args[1] == "many");
        using var fake = new FakeAwsEndpoint();
        var extra = int.TryParse(Environment.GetEnvironmentVariable("AWS_EXTRA"), CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 4000) : 200;
        var size = Build(fake, many ? extra : 0);
        Console.Error.WriteLine($"{args[1]}: {size}");
        var outDir = Directory.CreateTempSubdirectory("aws-bench").FullName;
        try
        {
            for (var run = 0; run < runs; run++)
            {
                var before = fake.Requests.Count;
                var (exit, stderr) = Check(tool, fake, outDir);
                var calls = fake.Requests.Count - before;
                var read = ReadTime().Match(stderr);
                if (!read.Success || exit is not (0 or 1))
                {
                    Console.Error.WriteLine($"check exited {exit} without the AWS read time:\n{stderr}");
                    Environment.Exit(1);
                }

                if (run == 0)
                {
                    Console.Error.WriteLine($"{args[1]}: {NetStatuses(Path.Combine(outDir, "report.json"))}");
                }

                Console.WriteLine($"{read.Groups[1].Value} {calls}");
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>The good account, plus <paramref name="extra"/> routes, ACL entries each way, VPC endpoints and security-group rules that change no verdict.</summary>
    private static string Build(FakeAwsEndpoint fake, int extra)
    {
        var (account, cluster, vpc) = fake.PublicClusterInVpc();
        cluster.EnhancedVpcRouting = true;
        vpc.S3GatewayEndpoint(FakeAwsVpcScenarios.BucketPolicyFor(Bucket));
        var main = vpc.RouteTables.Single(t => t.IsMain);
        main.Routes.Add(new FakeRoute("pl-0s3", "vpce-0s3gw"));
        account.PrefixLists["pl-0s3"] = ["52.218.0.0/17", "3.5.64.0/21"];
        var acl = vpc.NetworkAcls.Single(a => a.IsDefault);
        for (var i = 0; i < extra; i++)
        {
            // Private ranges Cargo's IP is not in, rule numbers after the allow-all 100: nothing decides differently.
            main.Routes.Add(new FakeRoute($"172.{16 + (i / 256)}.{i % 256}.0/24", "pcx-0peer"));
            acl.Entries.Add(new FakeAclEntry(1000 + i, false, "6", "deny", $"192.168.{i % 256}.0/24", 22, 22));
            acl.Entries.Add(new FakeAclEntry(1000 + i, true, "6", "deny", $"192.168.{i % 256}.0/24", 22, 22));
            vpc.Endpoints.Add(new FakeVpcEndpoint($"vpce-0if{i:x4}", $"com.amazonaws.eu-west-1.svc{i}", "Interface") { Policy = FakeAwsVpcScenarios.BucketPolicyFor("*") });
            account.SecurityGroups[SecurityGroupId].Add(new FakeIngressRule("tcp", 5439, 5439, $"198.18.{i % 256}.0/24"));
        }

        return $"{main.Routes.Count} routes, {acl.Entries.Count} ACL entries, {vpc.Endpoints.Count} VPC endpoints, {account.SecurityGroups[SecurityGroupId].Count} security-group rules";
    }

    private static (int Exit, string Stderr) Check(string tool, FakeAwsEndpoint fake, string outDir)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "check", "--cluster", ClusterId, "--region", "eu-west-1", "--role-arn", CustomerRoleArn, "--cargo-role-arn", CargoRoleArn,
            "--cargo-ip", CargoIpCidr, "--bucket", Bucket, "--prefix", "acme", "--out", outDir, "--format", "json",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ENDPOINT_URL"] = fake.Url.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = FakeAwsEndpoint.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = FakeAwsEndpoint.SecretKey;
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr.Result);
    }

    private static string NetStatuses(string reportPath)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        return string.Join(" ", report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("checkId").GetString()!.StartsWith("net.", StringComparison.Ordinal))
            .Select(f => $"{f.GetProperty("checkId").GetString()}={f.GetProperty("status").GetString()}"));
    }

    [GeneratedRegex(@"(?m)^AWS facts read in ([0-9]+) ms\r?$")]
    private static partial Regex ReadTime();
}

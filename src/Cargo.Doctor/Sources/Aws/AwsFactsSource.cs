using System.Net;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// Entry point for the AWS side: reads from the evidence folder when one is given, else from the live
/// APIs. The settings were validated before the run, in the one validation step.
/// </summary>
public static class AwsFactsSource
{
    public static async Task<AwsFacts> ReadAsync(
        DoctorConfig config,
        AwsClientOptions? clientOptions = null,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolveHost = null,
        CancellationToken ct = default)
    {
        // Cargo IPs, the evidence folder, region and cluster vs workgroup were validated before the run
        // (DoctorConfigValidator); a malformed Cargo IP in a replayed facts file is the ingress rule's unknown.
        resolveHost ??= Dns.GetHostAddressesAsync;
        var aws = config.Aws;
        if (aws.EvidenceDir is { } dir)
        {
            var evidence = new AwsEvidenceSource(dir, config.Warehouse.Host);
            // A usage error only reading the evidence can find: there is no region to check against.
            var region = aws.Region ?? evidence.InferRegion()
                ?? throw new UsageException("pass --region: the evidence folder does not name the region"
                    + (evidence.UnreadableForRegion is { } unreadable ? $" ({unreadable})" : ""));
            var serverless = aws.IsServerless || (aws.ClusterIdentifier is null && evidence.HasServerlessEvidence);
            return await new AwsFactsReader(evidence, Request(config, region, serverless), resolveHost).ReadAsync(ct).ConfigureAwait(false);
        }

        var apiRegion = aws.Region is { Length: > 0 } r ? r : throw new InvalidOperationException("no AWS region configured");
        using (var clients = AwsClients.Create(clientOptions ?? new AwsClientOptions(apiRegion, aws.Profile)))
        {
            var reader = new AwsFactsReader(new AwsApiSource(clients), Request(config, apiRegion, aws.IsServerless), resolveHost);
            return await reader.ReadAsync(ct).ConfigureAwait(false);
        }
    }

    private static AwsReadRequest Request(DoctorConfig config, string region, bool serverless) => new(
        region,
        serverless,
        config.Aws.ClusterIdentifier,
        config.Aws.Workgroup,
        config.Aws.Namespace,
        config.Aws.RoleArn,
        config.Cargo.RoleArn,
        config.Cargo.Ips,
        config.Warehouse.User,
        config.Warehouse.Host,
        config.Cargo.Bucket,
        config.Cargo.Prefix,
        config.Cargo.BucketRegion);
}

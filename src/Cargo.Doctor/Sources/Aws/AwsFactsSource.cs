using System.Net;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Network;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// Entry point for the AWS side: validates the AWS settings (one-line <see cref="ConfigException"/>
/// before any call), then reads from the evidence folder when one is given, else from the live APIs.
/// </summary>
public static class AwsFactsSource
{
    public static async Task<AwsFacts> ReadAsync(
        DoctorConfig config,
        AwsClientOptions? clientOptions = null,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolveHost = null,
        CancellationToken ct = default)
    {
        _ = CargoIpRanges.Validate(config.Cargo.Ips, config.Cargo.AllowWideCidr);

        resolveHost ??= Dns.GetHostAddressesAsync;
        var aws = config.Aws;
        if (aws.EvidenceDir is { } dir)
        {
            if (!Directory.Exists(dir))
            {
                throw new ConfigException($"--aws-evidence folder not found: {dir}");
            }

            var evidence = new AwsEvidenceSource(dir);
            var region = aws.Region ?? evidence.InferRegion()
                ?? throw new ConfigException("pass --region: the evidence folder does not name the region"
                    + (evidence.UnreadableForRegion is { } unreadable ? $" ({unreadable})" : ""));
            var serverless = aws.IsServerless || (aws.ClusterIdentifier is null && evidence.HasServerlessEvidence);
            return await new AwsFactsReader(evidence, Request(config, region, serverless), resolveHost).ReadAsync(ct).ConfigureAwait(false);
        }

        if (aws.Region is not { Length: > 0 } apiRegion)
        {
            throw new ConfigException("pass --region for the AWS checks (the region of the cluster or workgroup)");
        }

        if (aws.ClusterIdentifier is not null && aws.Workgroup is not null)
        {
            throw new ConfigException("pass either --cluster or --workgroup, not both");
        }

        AwsClients clients;
        try
        {
            clients = AwsClients.Create(clientOptions ?? new AwsClientOptions(apiRegion, aws.Profile));
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(e.Message);
        }

        using (clients)
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
        config.Warehouse.Host);
}

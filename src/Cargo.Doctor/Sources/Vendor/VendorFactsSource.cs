using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>Entry point of Cargo's side: reads with Cargo's credentials (standard chain or --profile), or from an evidence folder.</summary>
public static class VendorFactsSource
{
    public static async Task<VendorFacts> ReadAsync(VendorReadRequest request, AwsClientOptions options, CancellationToken ct = default)
    {
        using var clients = VendorAwsClients.Create(options);
        return await new VendorFactsReader(new VendorApiSource(clients), request).ReadAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The same reads from a folder of AWS CLI output (--aws-evidence): no AWS call, no credentials.</summary>
    public static Task<VendorFacts> ReadEvidenceAsync(VendorReadRequest request, string directory, CancellationToken ct = default) =>
        new VendorFactsReader(new VendorEvidenceSource(directory), request).ReadAsync(ct);
}

using System.Text.Json.Nodes;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>Read-only Redshift Serverless calls (JSON 1.1, target prefix RedshiftServerless).</summary>
public sealed class RedshiftServerlessClient
{
    private readonly AwsJsonTransport json;

    internal RedshiftServerlessClient(SignedAwsHttpClient http) =>
        json = new AwsJsonTransport(http, AwsService.RedshiftServerless, "RedshiftServerless");

    public async Task<ServerlessWorkgroup> GetWorkgroupAsync(string workgroupName, CancellationToken cancellationToken = default)
    {
        var response = await json.CallAsync("GetWorkgroup", new JsonObject { ["workgroupName"] = workgroupName }, cancellationToken)
            .ConfigureAwait(false);
        return json.Read("GetWorkgroup", response, r => ServerlessJsonMapping.Workgroup(r.GetProperty("workgroup"), workgroupName));
    }

    public async Task<ServerlessNamespace> GetNamespaceAsync(string namespaceName, CancellationToken cancellationToken = default)
    {
        var response = await json.CallAsync("GetNamespace", new JsonObject { ["namespaceName"] = namespaceName }, cancellationToken)
            .ConfigureAwait(false);
        return json.Read("GetNamespace", response, r => ServerlessJsonMapping.Namespace(r.GetProperty("namespace"), namespaceName));
    }
}

using System.Text.Json;
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
        return json.Read("GetWorkgroup", response, r =>
        {
            var workgroup = r.GetProperty("workgroup");
            var endpoint = Object(workgroup, "endpoint");
            return new ServerlessWorkgroup(
                String(workgroup, "workgroupName") ?? workgroupName,
                String(workgroup, "workgroupId"),
                String(workgroup, "namespaceName"),
                String(workgroup, "status"),
                Bool(workgroup, "publiclyAccessible"),
                Strings(workgroup, "securityGroupIds"),
                Int(workgroup, "port"),
                endpoint is { } e && String(e, "address") is { } address
                    ? new RedshiftEndpoint(address, Int(e, "port") ?? Int(workgroup, "port") ?? 5439)
                    : null,
                Array(workgroup, "configParameters")
                    .Select(p => new WorkgroupConfigParameter(String(p, "parameterKey") ?? "", String(p, "parameterValue")))
                    .Where(p => p.Key.Length > 0)
                    .ToList());
        });
    }

    public async Task<ServerlessNamespace> GetNamespaceAsync(string namespaceName, CancellationToken cancellationToken = default)
    {
        var response = await json.CallAsync("GetNamespace", new JsonObject { ["namespaceName"] = namespaceName }, cancellationToken)
            .ConfigureAwait(false);
        return json.Read("GetNamespace", response, r =>
        {
            var ns = r.GetProperty("namespace");
            return new ServerlessNamespace(
                String(ns, "namespaceName") ?? namespaceName,
                String(ns, "namespaceId"),
                String(ns, "namespaceArn"),
                String(ns, "status"),
                String(ns, "dbName"),
                String(ns, "adminUsername"),
                String(ns, "defaultIamRoleArn") is { Length: > 0 } defaultRole ? defaultRole : null,
                Strings(ns, "iamRoles").Select(ServerlessIamRoleParser.Parse).OfType<RedshiftIamRole>().ToList());
        });
    }

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i)
            ? i
            : null;

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static IReadOnlyList<string> Strings(JsonElement parent, string name) =>
        Array(parent, name).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
}

using System.Text.Json;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// The one reading of Redshift Serverless's Workgroup and Namespace JSON, used by
/// <see cref="RedshiftServerlessClient"/> (GetWorkgroup/GetNamespace responses, JSON 1.1) and by the evidence
/// folder (<c>aws redshift-serverless get-workgroup/get-namespace --output json</c>, which prints the same
/// members, as the CLI serialises the API's model). Member names from the model's Workgroup, Endpoint and
/// Namespace shapes: https://github.com/boto/botocore/blob/develop/botocore/data/redshift-serverless/2021-04-21/service-2.json
/// (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Workgroup.html,
/// https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Namespace.html).
/// </summary>
internal static class ServerlessJsonMapping
{
    /// <summary>The <c>workgroup</c> object; <paramref name="requestedName"/> stands in when it names none.</summary>
    public static ServerlessWorkgroup Workgroup(JsonElement workgroup, string? requestedName)
    {
        RequireObject(workgroup, "workgroup");
        var port = JsonFields.Int(workgroup, "port");
        return new ServerlessWorkgroup(
            JsonFields.String(workgroup, "workgroupName") ?? requestedName ?? "",
            JsonFields.String(workgroup, "workgroupId"),
            JsonFields.String(workgroup, "namespaceName"),
            JsonFields.String(workgroup, "status"),
            JsonFields.Bool(workgroup, "publiclyAccessible"),
            JsonFields.Strings(workgroup, "securityGroupIds"),
            port,
            JsonFields.Object(workgroup, "endpoint") is { } e && JsonFields.String(e, "address") is { } address
                ? new RedshiftEndpoint(address, JsonFields.Int(e, "port") ?? port ?? 5439)
                : null,
            JsonFields.BoolOrNull(workgroup, "enhancedVpcRouting"),
            workgroup.TryGetProperty("subnetIds", out _) ? JsonFields.Strings(workgroup, "subnetIds") : null,
            NetworkInterfaces(workgroup),
            VpcEndpoints(workgroup).Select(v => JsonFields.NonEmpty(JsonFields.String(v, "vpcId"))).FirstOrDefault(v => v is not null));
    }

    /// <summary>endpoint.vpcEndpoints[].networkInterfaces[] (Endpoint, VpcEndpoint, NetworkInterface shapes); null when AWS sent no endpoint.vpcEndpoints.</summary>
    private static List<ServerlessNetworkInterface>? NetworkInterfaces(JsonElement workgroup) =>
        JsonFields.Object(workgroup, "endpoint") is { } e && e.TryGetProperty("vpcEndpoints", out var list) && list.ValueKind == JsonValueKind.Array
            ? VpcEndpoints(workgroup).SelectMany(v => JsonFields.Array(v, "networkInterfaces"))
                .Select(n => JsonFields.NonEmpty(JsonFields.String(n, "networkInterfaceId")) is { } id
                    ? new ServerlessNetworkInterface(id, JsonFields.NonEmpty(JsonFields.String(n, "subnetId")), JsonFields.NonEmpty(JsonFields.String(n, "privateIpAddress")))
                    : null)
                .OfType<ServerlessNetworkInterface>()
                .ToList()
            : null;

    private static IEnumerable<JsonElement> VpcEndpoints(JsonElement workgroup) =>
        JsonFields.Object(workgroup, "endpoint") is { } e ? JsonFields.Array(e, "vpcEndpoints").Where(v => v.ValueKind == JsonValueKind.Object) : [];

    /// <summary>The <c>namespace</c> object; <paramref name="requestedName"/> stands in when it names none.</summary>
    public static ServerlessNamespace Namespace(JsonElement ns, string requestedName)
    {
        RequireObject(ns, "namespace");
        return new ServerlessNamespace(
            JsonFields.String(ns, "namespaceName") ?? requestedName,
            JsonFields.String(ns, "namespaceArn"),
            // iamRoles: the model says ARNs, AWS sends "IamRole(applyStatus=..., iamRoleArn=...)": both parse.
            JsonFields.Strings(ns, "iamRoles").Select(ServerlessIamRoleParser.Parse).OfType<RedshiftIamRole>().ToList(),
            // defaultIamRoleArn: "" when the namespace has no default role (as CreateNamespace's CloudTrail sample
            // shows, https://docs.aws.amazon.com/redshift/latest/mgmt/logging-with-cloudtrail.html); kept as sent,
            // so that a response without the member stays "not known" rather than "none".
            JsonFields.String(ns, "defaultIamRoleArn"));
    }

    private static void RequireObject(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"\"{name}\" is {element.ValueKind}, not an object.");
        }
    }
}

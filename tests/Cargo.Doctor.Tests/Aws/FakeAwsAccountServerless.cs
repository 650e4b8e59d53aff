using System.Text.Json;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Redshift Serverless: https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/ (GetWorkgroup,
/// UpdateWorkgroup, GetNamespace, UpdateNamespace). UpdateNamespace replaces the whole role list, and its
/// reference (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_UpdateNamespace.html;
/// botocore redshift-serverless 2021-04-21 UpdateNamespaceRequest) says of iamRoles "This parameter must be
/// updated together with defaultIamRoleArn" and of defaultIamRoleArn "... together with iamRoles": the fake
/// holds the caller to that strict reading both ways. Documented: the pairing. Not documented: the error a
/// lone member gets (ValidationException, "The input failed to satisfy the constraints", is the closest the
/// model lists) and whether the default role must be among iamRoles (the fake does not require it).
/// </summary>
public sealed partial class FakeAwsAccount
{
    private FakeAwsResponse? Serverless(string operation, JsonElement body)
    {
        switch (operation)
        {
            case "GetWorkgroup" or "UpdateWorkgroup":
                var name = Text(body, "workgroupName");
                if (!Workgroups.TryGetValue(name, out var workgroup))
                {
                    return JsonError(400, "ResourceNotFoundException", $"Workgroup {name} not found.");
                }

                if (operation == "UpdateWorkgroup" && body.TryGetProperty("publiclyAccessible", out var accessible))
                {
                    workgroup.PubliclyAccessible = accessible.GetBoolean();
                }

                return GetWorkgroup(workgroup.Name, workgroup.NamespaceName, workgroup.PubliclyAccessible, [.. workgroup.SecurityGroupIds], workgroup.Port,
                    subnetIds: workgroup.SubnetIds.Count > 0 ? [.. workgroup.SubnetIds] : null,
                    vpcEndpoints: workgroup.VpcId is { } vpcId ? [WorkgroupVpcEndpoint(vpcId, workgroup)] : null,
                    enhancedVpcRouting: workgroup.EnhancedVpcRouting);
            case "GetNamespace" or "UpdateNamespace":
                var nsName = Text(body, "namespaceName");
                if (!Namespaces.TryGetValue(nsName, out var ns))
                {
                    return JsonError(400, "ResourceNotFoundException", $"Namespace {nsName} not found.");
                }

                var hasRoles = body.TryGetProperty("iamRoles", out var roles);
                var hasDefault = body.TryGetProperty("defaultIamRoleArn", out var defaultRole);
                if (operation == "UpdateNamespace" && hasRoles != hasDefault)
                {
                    return JsonError(400, "ValidationException", hasRoles
                        ? "iamRoles must be updated together with defaultIamRoleArn."
                        : "defaultIamRoleArn must be updated together with iamRoles.");
                }

                if (operation == "UpdateNamespace" && hasRoles)
                {
                    ns.IamRoles.Clear();
                    ns.IamRoles.AddRange(roles.EnumerateArray().Select(r => r.GetString()!));
                    ns.DefaultIamRoleArn = defaultRole.GetString()!;
                }

                // GetNamespace sends each role as the text of a struct, not a bare ARN.
                return GetNamespace(ns.Name, [.. ns.IamRoles.Select(arn => SerializedIamRole(arn))], ns.DefaultIamRoleArn);
            default:
                return null;
        }
    }

    /// <summary>
    /// endpoint.vpcEndpoints[] of GetWorkgroup: the VPC endpoint and its network interfaces (networkInterfaceId, subnetId,
    /// privateIpAddress; botocore redshift-serverless 2021-04-21 VpcEndpoint and NetworkInterface shapes).
    /// </summary>
    private object WorkgroupVpcEndpoint(string vpcId, FakeWorkgroup workgroup) => new
    {
        vpcEndpointId = $"vpce-0{workgroup.Name}",
        vpcId,
        networkInterfaces = workgroup.NetworkInterfaceIds.Select(id => Vpcs.GetValueOrDefault(vpcId)?.NetworkInterfaces.GetValueOrDefault(id) is { } eni
            ? new { networkInterfaceId = id, subnetId = eni.SubnetId, privateIpAddress = eni.PrivateIp, availabilityZone = "eu-west-1a" }
            : new { networkInterfaceId = id, subnetId = "", privateIpAddress = "", availabilityZone = "" }).ToArray(),
    };

    private static string Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

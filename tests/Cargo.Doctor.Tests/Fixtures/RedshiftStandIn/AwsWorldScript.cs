using System.Text.Json;
using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>
/// Writes the same world onto the loopback AWS fake (through its public API only), as the canonical
/// JSON and XML AWS would return for those facts: the cluster's attached roles, the customer role's
/// trust policy and its sts:AssumeRole permission on Cargo's role. Then the static iam.* checks and
/// the live probe read one set of facts, and a test can assert that they agree.
/// </summary>
public static class AwsWorldScript
{
    public const string AssumePolicyName = "cargo-assume";

    /// <summary>Provisioned worlds only (Serverless namespaces are scripted by FakeAwsScenarios directly).</summary>
    public static FakeAwsEndpoint ScriptOnto(this AwsWorld world, FakeAwsEndpoint fake, string customerRoleArn, string cargoRoleArn)
    {
        if (world.Kind != WarehouseKind.Provisioned)
        {
            throw new NotSupportedException("ScriptOnto writes provisioned clusters only");
        }

        var customer = world.Role(customerRoleArn);
        var policyArn = $"arn:aws:iam::{customer.Account}:policy/{AssumePolicyName}";
        return fake
            .AllGoodProvisioned()
            .Respond("DescribeClusters", DescribeClusters(null, Cluster(
                world.WarehouseId,
                securityGroupIds: [FakeAwsScenarios.SecurityGroupId],
                iamRoles: world.AttachedRoles.Select(arn => (arn, "in-sync")).ToArray(),
                // The CLI runs as a child process where no fake DNS can be injected: an address
                // literal needs no lookup, so the test never touches the network beyond loopback.
                endpointAddress: FakeDns.PublicAddress)))
            .Respond("GetRole", GetRole(customer.Name, customer.Arn, TrustPolicy(customer)))
            .Respond("ListAttachedRolePolicies", ListAttachedRolePolicies(null, (AssumePolicyName, policyArn)))
            .Respond("GetPolicy", GetPolicy(policyArn, AssumePolicyName))
            .Respond("GetPolicyVersion", GetPolicyVersion(PermissionPolicy(customer)))
            .Respond("ListRolePolicies", ListRolePolicies(null))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null,
                ("sts:AssumeRole", cargoRoleArn, customer.MayAssume.Contains(cargoRoleArn) ? "allowed" : "implicitDeny")));
    }

    /// <summary>The role's trust as an IAM policy document: service and AWS principals, and the sts:ExternalId condition if any.</summary>
    public static string TrustPolicy(WorldRole role)
    {
        var principal = new Dictionary<string, string[]>();
        if (role.TrustedServices.Count > 0)
        {
            principal["Service"] = [.. role.TrustedServices.Order(StringComparer.Ordinal)];
        }

        if (role.TrustedPrincipals.Count > 0)
        {
            principal["AWS"] = [.. role.TrustedPrincipals.Order(StringComparer.Ordinal)];
        }

        var statement = new Dictionary<string, object> { ["Effect"] = "Allow", ["Principal"] = principal, ["Action"] = "sts:AssumeRole" };
        if (role.ExternalIds is { } ids)
        {
            statement["Condition"] = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, string[]> { ["sts:ExternalId"] = [.. ids.Order(StringComparer.Ordinal)] } };
        }

        return JsonSerializer.Serialize(new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = new[] { statement } });
    }

    /// <summary>The role's permission policy: sts:AssumeRole on the roles it may assume (an empty statement list when none).</summary>
    public static string PermissionPolicy(WorldRole role) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = role.MayAssume.Count == 0
            ? []
            : new[] { new Dictionary<string, object> { ["Effect"] = "Allow", ["Action"] = "sts:AssumeRole", ["Resource"] = role.MayAssume.Order(StringComparer.Ordinal).ToArray() } },
    });
}

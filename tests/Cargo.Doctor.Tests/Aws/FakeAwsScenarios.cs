using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Whole-account setups a support engineer would recognise, scripted onto a <see cref="FakeAwsEndpoint"/>.
/// Each returns the endpoint so a test can override single operations afterwards.
/// </summary>
public static class FakeAwsScenarios
{
    public const string ClusterId = "cargo-cluster";
    public const string WorkgroupName = "cargo-wg";
    public const string NamespaceName = "cargo-ns";
    public const string SecurityGroupId = "sg-0cargo";
    public const string CargoIpCidr = "3.248.0.10/32";
    public const string AssumePolicyArn = "arn:aws:iam::123456789012:policy/cargo-assume";

    public static string AssumeCargoRolePolicy => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{CargoRoleArn}}"}]}
        """;

    /// <summary>Customer role trusts Redshift, may assume Cargo's role, and everything around it is correct.</summary>
    public static FakeAwsEndpoint CustomerRoleAllGood(this FakeAwsEndpoint fake) => fake
        .Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy()))
        .Respond("ListAttachedRolePolicies", ListAttachedRolePolicies(null, ("cargo-assume", AssumePolicyArn)))
        .Respond("GetPolicy", GetPolicy(AssumePolicyArn, "cargo-assume"))
        .Respond("GetPolicyVersion", GetPolicyVersion(AssumeCargoRolePolicy))
        .Respond("ListRolePolicies", ListRolePolicies(null))
        .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "allowed")))
        .Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(cidrs: [CargoIpCidr]))));

    /// <summary>Public provisioned cluster, customer role attached and in-sync, port open to Cargo, in a public subnet (<see cref="FakeVpcResponses.PublicVpc"/>).</summary>
    public static FakeAwsEndpoint AllGoodProvisioned(this FakeAwsEndpoint fake) => fake
        .CustomerRoleAllGood()
        .RespondVpc(FakeVpcResponses.PublicVpc())
        .Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], networkXml: FakeVpcResponses.ClusterNetworkXml())));

    /// <summary>Public serverless workgroup, namespace has the customer role in-sync, port open to Cargo.</summary>
    public static FakeAwsEndpoint AllGoodServerless(this FakeAwsEndpoint fake) => fake
        .CustomerRoleAllGood()
        .Respond("GetWorkgroup", GetWorkgroup(WorkgroupName, NamespaceName, securityGroupIds: [SecurityGroupId]))
        .Respond("GetNamespace", GetNamespace(NamespaceName, [SerializedIamRole(CustomerRoleArn)]));

    /// <summary>Like <see cref="AllGoodProvisioned"/>, but the customer role is not attached to the cluster.</summary>
    public static FakeAwsEndpoint RoleNotAttachedProvisioned(this FakeAwsEndpoint fake) => fake
        .AllGoodProvisioned()
        .Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, securityGroupIds: [SecurityGroupId], iamRoles: [])));

    /// <summary>Like <see cref="AllGoodServerless"/>, but the namespace has no IAM roles.</summary>
    public static FakeAwsEndpoint RoleNotAttachedServerless(this FakeAwsEndpoint fake) => fake
        .AllGoodServerless()
        .Respond("GetNamespace", GetNamespace(NamespaceName, []));

    /// <summary>The customer role's policies do not allow sts:AssumeRole on Cargo's role.</summary>
    public static FakeAwsEndpoint CannotAssumeCargoRole(this FakeAwsEndpoint fake) => fake
        .AllGoodProvisioned()
        .Respond("ListAttachedRolePolicies", ListAttachedRolePolicies(null))
        .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "implicitDeny")));

    /// <summary>The cluster's security group does not let Cargo's IP in.</summary>
    public static FakeAwsEndpoint PortClosedToCargo(this FakeAwsEndpoint fake) => fake
        .AllGoodProvisioned()
        .Respond("DescribeSecurityGroups", DescribeSecurityGroups(null, SecurityGroup(SecurityGroupId, "vpc-0abc", IpPermission(cidrs: ["10.0.0.0/8"]))));

    /// <summary>The identity running the doctor may not read IAM.</summary>
    public static FakeAwsEndpoint NoIamReadAccess(this FakeAwsEndpoint fake)
    {
        fake.AllGoodProvisioned();
        foreach (var action in new[] { "GetRole", "ListAttachedRolePolicies", "GetPolicy", "GetPolicyVersion", "ListRolePolicies", "GetRolePolicy", "SimulatePrincipalPolicy" })
        {
            fake.Respond(action, QueryAccessDenied("iam:" + action));
        }

        return fake;
    }

    /// <summary>Replaces the customer role's trust policy with <paramref name="trustPolicyJson"/>.</summary>
    public static FakeAwsEndpoint TrustPolicyIs(this FakeAwsEndpoint fake, string trustPolicyJson) => fake
        .Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn, trustPolicyJson));

    /// <summary>The role also has inline policy "perimeter" with <paramref name="statementJson"/>; the simulator answers <paramref name="decision"/>.</summary>
    public static FakeAwsEndpoint PerimeterStatement(this FakeAwsEndpoint fake, string statementJson, string decision = "allowed") => fake
        .Respond("ListRolePolicies", ListRolePolicies(null, "perimeter"))
        .Respond("GetRolePolicy", GetRolePolicy(CustomerRoleName, "perimeter", $$"""{"Version":"2012-10-17","Statement":[{{statementJson}}]}"""))
        .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, decision)));
}

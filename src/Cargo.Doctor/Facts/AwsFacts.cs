namespace Cargo.Doctor.Facts;

/// <summary>
/// What AWS APIs (or a folder of AWS CLI output) say about the network and IAM setup. Both sources
/// fill exactly these fields, so a rule cannot tell them apart; a fact that could not be read has a
/// <see cref="Gap"/> beside it and the rules that need it report <c>unknown</c>.
/// </summary>
public sealed record AwsFacts
{
    public required string Region { get; init; }

    /// <summary><c>api</c> or <c>evidence</c>.</summary>
    public string Source { get; init; } = "api";

    public bool IsServerless { get; init; }

    /// <summary>The cluster or workgroup; null when it could not be read (see <see cref="TargetGap"/>).</summary>
    public RedshiftTargetFacts? Target { get; init; }

    public Gap? TargetGap { get; init; }

    /// <summary>Roles attached to the cluster (provisioned) or the namespace (Serverless).</summary>
    public IReadOnlyList<AttachedRoleFacts>? AttachedRoles { get; init; }

    public Gap? AttachedRolesGap { get; init; }

    public IReadOnlyList<SecurityGroupFacts>? SecurityGroups { get; init; }

    public Gap? SecurityGroupsGap { get; init; }

    /// <summary>Cargo's IPs or CIDRs as configured (validated before any AWS call).</summary>
    public IReadOnlyList<string> CargoIps { get; init; } = [];

    public string? CargoRoleArn { get; init; }

    /// <summary>Cargo's bucket, prefix and the bucket's region (--bucket, --prefix, --bucket-region), as given; for net.data-path.</summary>
    public string? CargoBucket { get; init; }

    public string? CargoPrefix { get; init; }

    public string? CargoBucketRegion { get; init; }

    /// <summary>The Cargo database user: Redshift passes its dbuser ARN as sts:ExternalId.</summary>
    public string? CargoUser { get; init; }

    /// <summary>The configured warehouse host and what it resolved to; null when no host was configured.</summary>
    public HostResolutionFacts? WarehouseHost { get; init; }

    /// <summary>The role named by --role-arn / aws.roleArn, as given; null when none was.</summary>
    public string? RequestedRoleArn { get; init; }

    /// <summary>
    /// The account of the credentials the AWS reads used (sts:GetCallerIdentity, or get-caller-identity.json
    /// in evidence); null when it could not be read (see <see cref="CallerAccountGap"/>). IAM looks role names
    /// up in this account (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html).
    /// </summary>
    public string? CallerAccountId { get; init; }

    public Gap? CallerAccountGap { get; init; }

    /// <summary>The customer role the iam.* checks examine; null when none was given or found.</summary>
    public CustomerRoleFacts? Role { get; init; }

    /// <summary>Why <see cref="Role"/> is null, or how the role was picked when it was discovered.</summary>
    public RoleSelectionFacts Selection { get; init; } = new(RoleSelectionKind.None, "no role examined");

    public Gap? RoleGap { get; init; }

    /// <summary>IAM policy simulator verdict for sts:AssumeRole on Cargo's role, when the caller may simulate.</summary>
    public SimulationFacts? Simulation { get; init; }

    public Gap? SimulationGap { get; init; }

    /// <summary>
    /// DNS resolution of the cluster's or workgroup's own endpoint address, the address Cargo is given
    /// (the doctor itself may connect through a tunnel); null when AWS gave no endpoint address.
    /// </summary>
    public HostResolutionFacts? EndpointHost { get; init; }

    /// <summary>
    /// Serverless only: the namespace's default IAM role as GetNamespace reported it, "" when the namespace has
    /// none; null when it was not read (provisioned, or a facts file from before it was kept).
    /// https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Namespace.html
    /// </summary>
    public string? NamespaceDefaultIamRoleArn { get; init; }

    /// <summary>The VPC around the warehouse (net.route, net.nacl); null when not read (see <see cref="NetworkGap"/>).</summary>
    public NetworkFacts? Network { get; init; }

    public Gap? NetworkGap { get; init; }
}

/// <summary>A provisioned cluster (<see cref="Kind"/> <c>cluster</c>) or a Serverless workgroup (<c>workgroup</c>).</summary>
public sealed record RedshiftTargetFacts
{
    public required string Kind { get; init; }

    /// <summary>Cluster identifier or workgroup name.</summary>
    public required string Identifier { get; init; }

    /// <summary>Serverless only: the workgroup's namespace.</summary>
    public string? NamespaceName { get; init; }

    /// <summary>Serverless only: the workgroup id (part of the Serverless dbuser ARN).</summary>
    public string? WorkgroupId { get; init; }

    public string? Status { get; init; }

    public bool PubliclyAccessible { get; init; }

    public string? EndpointAddress { get; init; }

    public int? Port { get; init; }

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    /// <summary>
    /// Enhanced VPC routing: COPY and UNLOAD traffic goes through the VPC, so a VPC endpoint policy can refuse
    /// Cargo's bucket (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html,
    /// https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-working-with-endpoints.html). Null when AWS did not say.
    /// </summary>
    public bool? EnhancedVpcRouting { get; init; }

    /// <summary>From the cluster namespace ARN or workgroup ARN, when AWS returned it.</summary>
    public string? AccountId { get; init; }
}

/// <param name="ApplyStatus">in-sync, adding, removing (null when AWS did not say).</param>
public sealed record AttachedRoleFacts(string Arn, string? ApplyStatus);

public sealed record SecurityGroupFacts(string GroupId, string? GroupName, IReadOnlyList<IngressRuleFacts> Inbound);

/// <summary>One inbound rule. Protocol <c>-1</c> is all traffic (ports null).</summary>
public sealed record IngressRuleFacts(
    string Protocol,
    int? FromPort,
    int? ToPort,
    IReadOnlyList<string> Ipv4Cidrs,
    IReadOnlyList<string> Ipv6Cidrs,
    IReadOnlyList<string> PrefixListIds,
    IReadOnlyList<string> ReferencedGroupIds);

/// <summary>DNS resolution of the configured warehouse host, done by the source.</summary>
public sealed record HostResolutionFacts(string Host, IReadOnlyList<string> Addresses, string? Error = null);

public enum RoleSelectionKind
{
    /// <summary>No role: none configured and none found.</summary>
    None,

    /// <summary>Given with --role-arn / aws.roleArn.</summary>
    Configured,

    /// <summary>Picked among the roles attached to the cluster or namespace.</summary>
    Discovered,
}

/// <param name="Note">One line for the customer: which role was picked and why, or why none was.</param>
public sealed record RoleSelectionFacts(RoleSelectionKind Kind, string Note);

/// <summary>The customer role: trust policy, identity policies and permissions boundary, as JSON text.</summary>
public sealed record CustomerRoleFacts
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    /// <summary>False when IAM said the role does not exist (NoSuchEntity).</summary>
    public bool Exists { get; init; } = true;

    public string? TrustPolicy { get; init; }

    /// <summary>Managed and inline policies; null when they could not be listed (see <see cref="PoliciesGap"/>).</summary>
    public IReadOnlyList<RolePolicyFacts>? Policies { get; init; }

    public Gap? PoliciesGap { get; init; }

    public RolePolicyFacts? PermissionsBoundary { get; init; }
}

/// <param name="Kind">managed, inline or boundary.</param>
/// <param name="Arn">Managed policies and boundaries only.</param>
/// <param name="Document">The policy JSON; null when it could not be read (see <paramref name="Gap"/>).</param>
public sealed record RolePolicyFacts(string Name, string Kind, string? Arn, string? Document, Gap? Gap = null);

/// <param name="Decision">allowed, implicitDeny or explicitDeny, as IAM says it.</param>
/// <param name="ActionName">EvalActionName: the action the simulator evaluated (null in snapshots from before it was kept).</param>
/// <param name="ResourceName">EvalResourceName: the resource the simulator evaluated (null when it did not say).</param>
public sealed record SimulationFacts(string Decision, IReadOnlyList<string> MatchedPolicies, string? ActionName = null, string? ResourceName = null);

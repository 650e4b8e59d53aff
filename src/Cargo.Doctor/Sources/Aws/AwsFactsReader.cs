using System.Net;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using Cargo.Doctor.Facts;
using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// Reads everything the net.* and iam.* checks need, once, from an <see cref="IAwsSetupSource"/> (live
/// APIs or an evidence folder: the same code path, so the same facts). A failed read becomes a gap.
/// Calls are sequential: few, and an order that stays the same makes runs reproducible.
/// </summary>
internal sealed class AwsFactsReader(IAwsSetupSource source, AwsReadRequest request, Func<string, CancellationToken, Task<IPAddress[]>> resolveHost)
{
    public async Task<AwsFacts> ReadAsync(CancellationToken ct)
    {
        var facts = new AwsFacts
        {
            Region = request.Region,
            Source = source.Name,
            IsServerless = request.IsServerless,
            CargoIps = request.CargoIps,
            CargoRoleArn = request.CargoRoleArn,
            CargoUser = request.CargoUser,
            CargoBucket = request.CargoBucket,
            CargoPrefix = request.CargoPrefix,
            CargoBucketRegion = request.CargoBucketRegion,
            WarehouseHost = request.WarehouseHost is null ? null : await ResolveAsync(request.WarehouseHost, ct).ConfigureAwait(false),
        };

        facts = await ReadCallerAccountAsync(facts, ct).ConfigureAwait(false);
        facts = request.IsServerless ? await ReadServerlessAsync(facts, ct).ConfigureAwait(false) : await ReadClusterAsync(facts, ct).ConfigureAwait(false);
        facts = await ResolveEndpointAsync(facts, ct).ConfigureAwait(false);
        facts = await ReadSecurityGroupsAsync(facts, ct).ConfigureAwait(false);
        facts = await new AwsNetworkReader(source).ReadAsync(facts, ct).ConfigureAwait(false);
        facts = await ReadRoleAsync(facts, ct).ConfigureAwait(false);
        return await SimulateAsync(facts, ct).ConfigureAwait(false);
    }

    private async Task<AwsFacts> ReadCallerAccountAsync(AwsFacts facts, CancellationToken ct)
    {
        try
        {
            var account = await source.GetCallerAccountAsync(ct).ConfigureAwait(false);
            return facts with { CallerAccountId = account.Length > 0 ? account : null };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return facts with { CallerAccountGap = AwsGaps.From(e) };
        }
    }

    private async Task<AwsFacts> ReadClusterAsync(AwsFacts facts, CancellationToken ct)
    {
        try
        {
            var cluster = await source.DescribeClusterAsync(request.ClusterIdentifier, ct).ConfigureAwait(false);
            return facts with
            {
                Target = new RedshiftTargetFacts
                {
                    Kind = "cluster",
                    Identifier = cluster.ClusterIdentifier,
                    Status = cluster.Status,
                    PubliclyAccessible = cluster.PubliclyAccessible,
                    EndpointAddress = cluster.Endpoint?.Address,
                    Port = cluster.Endpoint?.Port,
                    SecurityGroupIds = cluster.VpcSecurityGroupIds,
                    AccountId = AccountOf(cluster.ClusterNamespaceArn),
                    EnhancedVpcRouting = cluster.EnhancedVpcRouting,
                },
                AttachedRoles = cluster.IamRoles.Select(r => new AttachedRoleFacts(r.Arn, r.ApplyStatus)).ToList(),
                Network = AwsNetworkReader.FromCluster(cluster),
            };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            var gap = AwsGaps.From(e);
            return facts with { TargetGap = gap, AttachedRolesGap = gap };
        }
    }

    private async Task<AwsFacts> ReadServerlessAsync(AwsFacts facts, CancellationToken ct)
    {
        var namespaceName = request.Namespace;
        try
        {
            var workgroup = await source.GetWorkgroupAsync(request.Workgroup, ct).ConfigureAwait(false);
            namespaceName ??= workgroup.NamespaceName;
            facts = facts with
            {
                Target = new RedshiftTargetFacts
                {
                    Kind = "workgroup",
                    Identifier = workgroup.WorkgroupName,
                    NamespaceName = namespaceName,
                    WorkgroupId = workgroup.WorkgroupId,
                    Status = workgroup.Status,
                    PubliclyAccessible = workgroup.PubliclyAccessible,
                    EndpointAddress = workgroup.Endpoint?.Address,
                    Port = workgroup.Port ?? workgroup.Endpoint?.Port,
                    SecurityGroupIds = workgroup.SecurityGroupIds,
                    EnhancedVpcRouting = workgroup.EnhancedVpcRouting,
                },
                Network = AwsNetworkReader.FromWorkgroup(workgroup),
            };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            facts = facts with { TargetGap = AwsGaps.From(e) };
        }

        if (namespaceName is null)
        {
            return facts with { AttachedRolesGap = AwsGaps.Because("the namespace is not known (the workgroup could not be read; pass --namespace)", facts.TargetGap!) };
        }

        try
        {
            var ns = await source.GetNamespaceAsync(namespaceName, ct).ConfigureAwait(false);
            return facts with
            {
                Target = facts.Target is null ? null : facts.Target with { AccountId = AccountOf(ns.NamespaceArn), NamespaceName = ns.NamespaceName },
                AttachedRoles = ns.IamRoles.Select(r => new AttachedRoleFacts(r.Arn, r.ApplyStatus)).ToList(),
                NamespaceDefaultIamRoleArn = ns.DefaultIamRoleArn,
            };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return facts with { AttachedRolesGap = AwsGaps.From(e) };
        }
    }

    private async Task<AwsFacts> ReadSecurityGroupsAsync(AwsFacts facts, CancellationToken ct)
    {
        if (facts.Target is not { } target)
        {
            return facts with { SecurityGroupsGap = AwsGaps.Because($"the {(request.IsServerless ? "workgroup" : "cluster")} could not be read", facts.TargetGap!) };
        }

        if (target.SecurityGroupIds.Count == 0)
        {
            return facts with { SecurityGroups = [] };
        }

        try
        {
            var groups = await source.DescribeSecurityGroupsAsync(target.SecurityGroupIds, ct).ConfigureAwait(false);
            // Field for field: the API record and the facts record stay two types on purpose (see SecurityGroupPermission).
            return facts with
            {
                SecurityGroups = groups.Select(g => new SecurityGroupFacts(
                    g.GroupId,
                    g.GroupName,
                    g.InboundPermissions.Select(p => new IngressRuleFacts(p.Protocol, p.FromPort, p.ToPort, p.Ipv4Cidrs, p.Ipv6Cidrs, p.PrefixListIds, p.ReferencedGroupIds)).ToList()))
                    .ToList(),
            };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return facts with { SecurityGroupsGap = AwsGaps.From(e) };
        }
    }

    private async Task<AwsFacts> ReadRoleAsync(AwsFacts facts, CancellationToken ct)
    {
        if (request.RoleArn is { } configured)
        {
            var (role, gap) = await ReadRoleAsync(configured, ct).ConfigureAwait(false);
            return facts with
            {
                Role = role,
                RoleGap = gap,
                RequestedRoleArn = configured,
                Selection = new RoleSelectionFacts(RoleSelectionKind.Configured, $"role {configured} (given with --role-arn)"),
            };
        }

        if (facts.AttachedRoles is not { } attached)
        {
            return facts with
            {
                RoleGap = AwsGaps.Because("no --role-arn given and the attached roles could not be read", facts.AttachedRolesGap!),
                Selection = new RoleSelectionFacts(RoleSelectionKind.None, "no --role-arn given and the attached roles could not be read"),
            };
        }

        if (attached.Count == 0)
        {
            return facts with
            {
                Selection = new RoleSelectionFacts(RoleSelectionKind.None,
                    $"no --role-arn given and no IAM role is attached to the {(request.IsServerless ? "namespace" : "cluster")}"),
            };
        }

        return await DiscoverRoleAsync(facts, attached, ct).ConfigureAwait(false);
    }

    /// <summary>Picks the attached role whose policies allow assuming Cargo's role (or the only attached role).</summary>
    private async Task<AwsFacts> DiscoverRoleAsync(AwsFacts facts, IReadOnlyList<AttachedRoleFacts> attached, CancellationToken ct)
    {
        var read = new List<CustomerRoleFacts>();
        Gap? firstGap = null;
        foreach (var candidate in attached)
        {
            var (role, gap) = await ReadRoleAsync(candidate.Arn, ct).ConfigureAwait(false);
            firstGap ??= gap;
            if (role is null)
            {
                continue;
            }

            read.Add(role);
            if (request.CargoRoleArn is { } cargoRole && role.Exists
                && RolePolicySet.From(role).EvaluateAssumeRole(cargoRole).Decision is PolicyDecision.Allowed or PolicyDecision.AllowedWithConditions)
            {
                return facts with
                {
                    Role = role,
                    Selection = new RoleSelectionFacts(RoleSelectionKind.Discovered,
                        $"no --role-arn given: picked {role.Arn}, the attached role whose policies allow sts:AssumeRole on Cargo's role"
                        + (attached.Count > 1 ? $" (of {attached.Count} attached roles)" : "")),
                };
            }
        }

        if (attached.Count == 1 && read.Count == 1)
        {
            return facts with
            {
                Role = read[0],
                Selection = new RoleSelectionFacts(RoleSelectionKind.Discovered, $"no --role-arn given: picked {read[0].Arn}, the only role attached"),
            };
        }

        var names = string.Join(", ", attached.Select(a => a.Arn));
        return facts with
        {
            RoleGap = firstGap,
            Selection = new RoleSelectionFacts(RoleSelectionKind.None,
                read.Count < attached.Count && firstGap is not null
                    ? $"no --role-arn given and {attached.Count - read.Count} of the {attached.Count} attached role(s) could not be read: {firstGap}"
                    : request.CargoRoleArn is null
                    ? $"no --role-arn given and {attached.Count} roles are attached ({names}): pass --role-arn (and --cargo-role-arn)"
                    : $"no --role-arn given and none of the attached roles ({names}) allows sts:AssumeRole on Cargo's role: pass --role-arn"),
        };
    }

    private async Task<(CustomerRoleFacts? Role, Gap? Gap)> ReadRoleAsync(string roleArn, CancellationToken ct)
    {
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        IamRoleInfo info;
        try
        {
            info = await source.GetRoleAsync(roleName, ct).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (e.IsNotFound)
        {
            return (new CustomerRoleFacts { Arn = roleArn, Name = roleName, Exists = false }, null);
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return (null, AwsGaps.From(e));
        }

        var role = new CustomerRoleFacts { Arn = info.Arn.Length > 0 ? info.Arn : roleArn, Name = info.RoleName, TrustPolicy = PolicyText.Normalize(info.AssumeRolePolicyDocument) };
        try
        {
            var policies = new List<RolePolicyFacts>();
            foreach (var attachedPolicy in await source.ListAttachedRolePoliciesAsync(roleName, ct).ConfigureAwait(false))
            {
                policies.Add(await ReadManagedAsync(attachedPolicy.PolicyName, attachedPolicy.PolicyArn, "managed", ct).ConfigureAwait(false));
            }

            foreach (var inlineName in await source.ListRolePoliciesAsync(roleName, ct).ConfigureAwait(false))
            {
                policies.Add(await ReadInlineAsync(roleName, inlineName, ct).ConfigureAwait(false));
            }

            role = role with { Policies = policies };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            role = role with { PoliciesGap = AwsGaps.From(e) };
        }

        if (info.PermissionsBoundaryArn is { } boundaryArn)
        {
            role = role with { PermissionsBoundary = await ReadManagedAsync(boundaryArn[(boundaryArn.LastIndexOf('/') + 1)..], boundaryArn, "boundary", ct).ConfigureAwait(false) };
        }

        return (role, null);
    }

    private async Task<RolePolicyFacts> ReadManagedAsync(string name, string arn, string kind, CancellationToken ct)
    {
        try
        {
            return new RolePolicyFacts(name, kind, arn, PolicyText.Normalize(await source.GetManagedPolicyDocumentAsync(arn, ct).ConfigureAwait(false)));
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return new RolePolicyFacts(name, kind, arn, null, AwsGaps.From(e));
        }
    }

    private async Task<RolePolicyFacts> ReadInlineAsync(string roleName, string policyName, CancellationToken ct)
    {
        try
        {
            return new RolePolicyFacts(policyName, "inline", null, PolicyText.Normalize(await source.GetRolePolicyDocumentAsync(roleName, policyName, ct).ConfigureAwait(false)));
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return new RolePolicyFacts(policyName, "inline", null, null, AwsGaps.From(e));
        }
    }

    private async Task<AwsFacts> SimulateAsync(AwsFacts facts, CancellationToken ct)
    {
        if (facts.Role is not { Exists: true } role || request.CargoRoleArn is not { } cargoRole)
        {
            return facts;
        }

        try
        {
            var result = await source.SimulateAssumeRoleAsync(role.Arn, cargoRole, ct).ConfigureAwait(false);
            return facts with { Simulation = new SimulationFacts(result.Decision, result.MatchedPolicyIds, result.ActionName, result.ResourceName) };
        }
        catch (Exception e) when (AwsGaps.IsReadFailure(e))
        {
            return facts with { SimulationGap = AwsGaps.From(e) };
        }
    }

    /// <summary>The endpoint Cargo is given, resolved here so the rule only reads facts (and replays offline).</summary>
    private async Task<AwsFacts> ResolveEndpointAsync(AwsFacts facts, CancellationToken ct)
    {
        if (facts.Target?.EndpointAddress is not { Length: > 0 } address)
        {
            return facts;
        }

        return facts with
        {
            EndpointHost = facts.WarehouseHost is { } given && string.Equals(given.Host, address, StringComparison.OrdinalIgnoreCase)
                ? given
                : await ResolveAsync(address, ct).ConfigureAwait(false),
        };
    }

    private async Task<HostResolutionFacts> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return new HostResolutionFacts(host, [literal.ToString()]);
        }

        try
        {
            var addresses = await resolveHost(host, ct).ConfigureAwait(false);
            return new HostResolutionFacts(host, addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList());
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
            return new HostResolutionFacts(host, [], e.Message);
        }
    }

    private static string? AccountOf(string? arn) =>
        arn?.Split(':') is { Length: > 5 } parts && parts[4].Length > 0 ? parts[4] : null;
}

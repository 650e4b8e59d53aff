using System.Text.Json;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// Answers <see cref="IAwsSetupSource"/> from a folder of AWS CLI <c>--output json</c> files (names in
/// <see cref="AwsEvidenceFiles"/>). The CLI prints policy documents as decoded JSON objects; a string
/// (URL-encoded or not) is accepted too.
/// </summary>
internal sealed class AwsEvidenceSource(string directory) : IAwsSetupSource
{
    public string Name => "evidence";

    public Task<RedshiftCluster> DescribeClusterAsync(string? clusterIdentifier, CancellationToken ct)
    {
        var root = Load(AwsEvidenceFiles.DescribeClusters, $"aws redshift describe-clusters --cluster-identifier {Q(clusterIdentifier ?? "<cluster>")}");
        var clusters = EvidenceJson.Array(root, "Clusters").ToList();
        var cluster = clusters.FirstOrDefault(c => clusterIdentifier is null || EvidenceJson.String(c, "ClusterIdentifier") == clusterIdentifier);
        if (cluster.ValueKind != JsonValueKind.Object)
        {
            throw new AwsEvidenceMissingException(AwsEvidenceFiles.DescribeClusters,
                $"aws redshift describe-clusters --cluster-identifier {Q(clusterIdentifier ?? "<cluster>")} --output json > {AwsEvidenceFiles.DescribeClusters}",
                $"does not describe cluster {clusterIdentifier}");
        }

        var endpoint = EvidenceJson.Object(cluster, "Endpoint");
        return Task.FromResult(new RedshiftCluster(
            EvidenceJson.String(cluster, "ClusterIdentifier") ?? clusterIdentifier ?? "",
            EvidenceJson.String(cluster, "ClusterStatus"),
            endpoint is { } e && EvidenceJson.String(e, "Address") is { } address ? new RedshiftEndpoint(address, EvidenceJson.Int(e, "Port") ?? 5439) : null,
            EvidenceJson.Bool(cluster, "PubliclyAccessible"),
            EvidenceJson.Array(cluster, "VpcSecurityGroups").Select(g => EvidenceJson.String(g, "VpcSecurityGroupId")).OfType<string>().ToList(),
            EvidenceJson.Array(cluster, "IamRoles")
                .Where(r => EvidenceJson.String(r, "IamRoleArn") is not null)
                .Select(r => new RedshiftIamRole(EvidenceJson.String(r, "IamRoleArn")!, EvidenceJson.String(r, "ApplyStatus")))
                .ToList(),
            EvidenceJson.NonEmpty(EvidenceJson.String(cluster, "DefaultIamRoleArn")),
            EvidenceJson.Array(cluster, "ClusterParameterGroups").Select(g => EvidenceJson.String(g, "ParameterGroupName")).OfType<string>().ToList(),
            EvidenceJson.NonEmpty(EvidenceJson.String(cluster, "ClusterNamespaceArn")),
            EvidenceJson.String(cluster, "DBName"),
            EvidenceJson.String(cluster, "VpcId")));
    }

    public Task<ServerlessWorkgroup> GetWorkgroupAsync(string? workgroupName, CancellationToken ct)
    {
        var command = $"aws redshift-serverless get-workgroup --workgroup-name {Q(workgroupName ?? "<workgroup>")}";
        var workgroup = Required(Load(AwsEvidenceFiles.GetWorkgroup, command), "workgroup", AwsEvidenceFiles.GetWorkgroup, command);
        var name = EvidenceJson.String(workgroup, "workgroupName") ?? workgroupName ?? "";
        if (workgroupName is not null && name != workgroupName)
        {
            throw Missing(AwsEvidenceFiles.GetWorkgroup, command, $"describes workgroup {name}, not {workgroupName}");
        }

        var endpoint = EvidenceJson.Object(workgroup, "endpoint");
        var port = EvidenceJson.Int(workgroup, "port");
        return Task.FromResult(new ServerlessWorkgroup(
            name,
            EvidenceJson.String(workgroup, "workgroupId"),
            EvidenceJson.String(workgroup, "namespaceName"),
            EvidenceJson.String(workgroup, "status"),
            EvidenceJson.Bool(workgroup, "publiclyAccessible"),
            EvidenceJson.Strings(workgroup, "securityGroupIds"),
            port,
            endpoint is { } e && EvidenceJson.String(e, "address") is { } address ? new RedshiftEndpoint(address, EvidenceJson.Int(e, "port") ?? port ?? 5439) : null,
            EvidenceJson.Array(workgroup, "configParameters")
                .Select(p => new WorkgroupConfigParameter(EvidenceJson.String(p, "parameterKey") ?? "", EvidenceJson.String(p, "parameterValue")))
                .Where(p => p.Key.Length > 0)
                .ToList()));
    }

    public Task<ServerlessNamespace> GetNamespaceAsync(string namespaceName, CancellationToken ct)
    {
        var command = $"aws redshift-serverless get-namespace --namespace-name {Q(namespaceName)}";
        var ns = Required(Load(AwsEvidenceFiles.GetNamespace, command), "namespace", AwsEvidenceFiles.GetNamespace, command);
        var name = EvidenceJson.String(ns, "namespaceName") ?? namespaceName;
        if (name != namespaceName)
        {
            throw Missing(AwsEvidenceFiles.GetNamespace, command, $"describes namespace {name}, not {namespaceName}");
        }

        return Task.FromResult(new ServerlessNamespace(
            name,
            EvidenceJson.String(ns, "namespaceId"),
            EvidenceJson.String(ns, "namespaceArn"),
            EvidenceJson.String(ns, "status"),
            EvidenceJson.String(ns, "dbName"),
            EvidenceJson.String(ns, "adminUsername"),
            EvidenceJson.NonEmpty(EvidenceJson.String(ns, "defaultIamRoleArn")),
            EvidenceJson.Strings(ns, "iamRoles").Select(ServerlessIamRoleParser.Parse).OfType<RedshiftIamRole>().ToList()));
    }

    public Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyList<string> groupIds, CancellationToken ct)
    {
        var command = $"aws ec2 describe-security-groups --group-ids {string.Join(" ", groupIds.Select(Q))}";
        var groups = EvidenceJson.Array(Load(AwsEvidenceFiles.DescribeSecurityGroups, command), "SecurityGroups")
            .Select(g => new SecurityGroup(
                EvidenceJson.String(g, "GroupId") ?? "",
                EvidenceJson.String(g, "GroupName"),
                EvidenceJson.String(g, "VpcId"),
                EvidenceJson.Array(g, "IpPermissions").Select(p => new SecurityGroupPermission(
                    EvidenceJson.String(p, "IpProtocol") ?? "",
                    EvidenceJson.Int(p, "FromPort"),
                    EvidenceJson.Int(p, "ToPort"),
                    EvidenceJson.Array(p, "IpRanges").Select(r => EvidenceJson.String(r, "CidrIp")).OfType<string>().ToList(),
                    EvidenceJson.Array(p, "Ipv6Ranges").Select(r => EvidenceJson.String(r, "CidrIpv6")).OfType<string>().ToList(),
                    EvidenceJson.Array(p, "PrefixListIds").Select(r => EvidenceJson.String(r, "PrefixListId")).OfType<string>().ToList(),
                    EvidenceJson.Array(p, "UserIdGroupPairs").Select(r => EvidenceJson.String(r, "GroupId")).OfType<string>().ToList())).ToList()))
            .ToList();
        var absent = groupIds.Where(id => groups.All(g => g.GroupId != id)).ToList();
        return absent.Count > 0
            ? throw Missing(AwsEvidenceFiles.DescribeSecurityGroups, command, $"does not describe {string.Join(", ", absent)}")
            : Task.FromResult<IReadOnlyList<SecurityGroup>>(groups.Where(g => groupIds.Contains(g.GroupId)).ToList());
    }

    public Task<IamRoleInfo> GetRoleAsync(string roleName, CancellationToken ct)
    {
        var command = $"aws iam get-role --role-name {Q(roleName)}";
        var role = Required(Load(AwsEvidenceFiles.GetRole, command), "Role", AwsEvidenceFiles.GetRole, command);
        var name = EvidenceJson.String(role, "RoleName") ?? "";
        if (name != roleName)
        {
            throw Missing(AwsEvidenceFiles.GetRole, command, $"describes role {name}, not {roleName}");
        }

        return Task.FromResult(new IamRoleInfo(
            name,
            EvidenceJson.String(role, "Arn") ?? "",
            EvidenceJson.String(role, "RoleId"),
            EvidenceJson.String(role, "Path"),
            EvidenceJson.PolicyDocument(role, "AssumeRolePolicyDocument"),
            EvidenceJson.String(role, "Description"),
            EvidenceJson.Object(role, "PermissionsBoundary") is { } boundary ? EvidenceJson.String(boundary, "PermissionsBoundaryArn") : null));
    }

    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct)
    {
        var root = Load(AwsEvidenceFiles.ListAttachedRolePolicies, $"aws iam list-attached-role-policies --role-name {Q(roleName)}");
        return Task.FromResult<IReadOnlyList<AttachedPolicy>>(EvidenceJson.Array(root, "AttachedPolicies")
            .Select(p => new AttachedPolicy(EvidenceJson.String(p, "PolicyName") ?? "", EvidenceJson.String(p, "PolicyArn") ?? ""))
            .Where(p => p.PolicyArn.Length > 0)
            .ToList());
    }

    public Task<string> GetManagedPolicyDocumentAsync(string policyArn, CancellationToken ct)
    {
        var file = AwsEvidenceFiles.GetPolicyVersion(policyArn);
        var arn = Q(policyArn);
        var command = $"aws iam get-policy-version --policy-arn {arn} --version-id \"$(aws iam get-policy --policy-arn {arn} --query Policy.DefaultVersionId --output text)\"";
        var version = Required(Load(file, command), "PolicyVersion", file, command);
        return Task.FromResult(EvidenceJson.PolicyDocument(version, "Document") ?? throw Missing(file, command, "has no Document"));
    }

    public Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken ct)
    {
        var root = Load(AwsEvidenceFiles.ListRolePolicies, $"aws iam list-role-policies --role-name {Q(roleName)}");
        return Task.FromResult(EvidenceJson.Strings(root, "PolicyNames"));
    }

    public Task<string> GetRolePolicyDocumentAsync(string roleName, string policyName, CancellationToken ct)
    {
        var file = AwsEvidenceFiles.GetRolePolicy(policyName);
        var command = $"aws iam get-role-policy --role-name {Q(roleName)} --policy-name {Q(policyName)}";
        return Task.FromResult(EvidenceJson.PolicyDocument(Load(file, command), "PolicyDocument") ?? throw Missing(file, command, "has no PolicyDocument"));
    }

    public Task<PolicySimulationResult> SimulateAssumeRoleAsync(string roleArn, string cargoRoleArn, CancellationToken ct)
    {
        var command = $"aws iam simulate-principal-policy --policy-source-arn {Q(roleArn)} --action-names sts:AssumeRole --resource-arns {Q(cargoRoleArn)}";
        // A file may hold results for several actions or resources: take the one for Cargo's role when there is one.
        var results = EvidenceJson.Array(Load(AwsEvidenceFiles.SimulatePrincipalPolicy, command), "EvaluationResults").ToList();
        var result = results.FirstOrDefault(r => r.ValueKind == JsonValueKind.Object
                                                 && string.Equals(EvidenceJson.String(r, "EvalResourceName"), cargoRoleArn, StringComparison.Ordinal)
                                                 && string.Equals(EvidenceJson.String(r, "EvalActionName"), "sts:AssumeRole", StringComparison.OrdinalIgnoreCase));
        if (result.ValueKind != JsonValueKind.Object)
        {
            result = results.FirstOrDefault();
        }

        if (result.ValueKind != JsonValueKind.Object || EvidenceJson.String(result, "EvalDecision") is not { } decision)
        {
            throw Missing(AwsEvidenceFiles.SimulatePrincipalPolicy, command, "has no EvaluationResults");
        }

        return Task.FromResult(new PolicySimulationResult(
            // No action named: the answer cannot be shown to be about sts:AssumeRole, so it decides nothing.
            EvidenceJson.String(result, "EvalActionName") ?? "",
            EvidenceJson.String(result, "EvalResourceName"),
            decision,
            EvidenceJson.Array(result, "MatchedStatements").Select(s => EvidenceJson.String(s, "SourcePolicyId")).OfType<string>().ToList(),
            EvidenceJson.Strings(result, "MissingContextValues")));
    }

    /// <summary>The region named by the evidence (cluster namespace ARN, workgroup or namespace ARN), if any.</summary>
    public string? InferRegion()
    {
        foreach (var (file, read) in new (string, Func<JsonElement, string?>)[]
        {
            (AwsEvidenceFiles.DescribeClusters, r => EvidenceJson.Array(r, "Clusters").Select(c => EvidenceJson.String(c, "ClusterNamespaceArn")).FirstOrDefault()),
            (AwsEvidenceFiles.GetWorkgroup, r => EvidenceJson.Object(r, "workgroup") is { } w ? EvidenceJson.String(w, "workgroupArn") : null),
            (AwsEvidenceFiles.GetNamespace, r => EvidenceJson.Object(r, "namespace") is { } n ? EvidenceJson.String(n, "namespaceArn") : null),
        })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                continue;
            }

            JsonElement root;
            try
            {
                root = Load(file, "");
            }
            catch (AwsEvidenceMissingException e)
            {
                // An unreadable file names no region; the finding that needs the file names it as the cause.
                UnreadableForRegion ??= $"{file} {e.Problem}";
                continue;
            }

            if (read(root) is { } arn && arn.Split(':') is { Length: > 4 } parts && parts[3].Length > 0)
            {
                return parts[3];
            }
        }

        return null;
    }

    /// <summary>Set by <see cref="InferRegion"/> when a file that could name the region is unreadable.</summary>
    public string? UnreadableForRegion { get; private set; }

    /// <summary>True when the folder holds Serverless evidence rather than a provisioned cluster.</summary>
    public bool HasServerlessEvidence =>
        File.Exists(Path.Combine(directory, AwsEvidenceFiles.GetWorkgroup)) && !File.Exists(Path.Combine(directory, AwsEvidenceFiles.DescribeClusters));

    private JsonElement Load(string fileName, string command)
    {
        var path = Path.Combine(directory, fileName);
        var full = $"{command} --output json > {fileName}";
        if (!File.Exists(path))
        {
            throw new AwsEvidenceMissingException(fileName, full);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new AwsEvidenceMissingException(fileName, full, $"cannot be read as JSON ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static JsonElement Required(JsonElement root, string property, string fileName, string command) =>
        EvidenceJson.Object(root, property) ?? throw Missing(fileName, command, $"has no \"{property}\" object");

    private static AwsEvidenceMissingException Missing(string fileName, string command, string problem) =>
        new(fileName, $"{command} --output json > {fileName}", problem);

    private static string Q(string value) => ShellQuote.Arg(value);
}

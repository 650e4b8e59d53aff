using System.Text.Json;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using Cargo.Doctor.Files;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// Answers <see cref="IAwsSetupSource"/> from a folder of AWS CLI <c>--output json</c> files (names in
/// <see cref="AwsEvidenceFiles"/>). The CLI prints policy documents as decoded JSON objects; a string
/// (URL-encoded or not) is accepted too.
/// </summary>
/// <param name="endpointHost">The --endpoint host: picks the cluster or workgroup of a file that lists several (see <see cref="EvidenceTargetSelection"/>).</param>
internal sealed partial class AwsEvidenceSource(string directory, string? endpointHost = null) : IAwsSetupSource
{
    public string Name => "evidence";

    // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html: { "UserId", "Account", "Arn" }.
    public Task<string> GetCallerAccountAsync(CancellationToken ct)
    {
        const string Command = "aws sts get-caller-identity";
        var root = Load(AwsEvidenceFiles.GetCallerIdentity, Command);
        return Task.FromResult(JsonFields.String(root, "Account")
            ?? throw Missing(AwsEvidenceFiles.GetCallerIdentity, Command, "has no Account"));
    }

    // Deliberately a second reading of a cluster beside RedshiftClient: the Redshift API answers in XML
    // (Query protocol) and the CLI prints JSON, two wire formats with the same member names
    // (https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html).
    public Task<RedshiftCluster> DescribeClusterAsync(string? clusterIdentifier, CancellationToken ct)
    {
        var root = Load(AwsEvidenceFiles.DescribeClusters, $"aws redshift describe-clusters --cluster-identifier {Q(clusterIdentifier ?? "<cluster>")}");
        var clusters = JsonFields.Array(root, "Clusters").Where(c => c.ValueKind == JsonValueKind.Object).ToList();
        if (EvidenceTargetSelection.Select(clusters, clusterIdentifier, endpointHost, ClusterName, ClusterAddress) is not { } cluster)
        {
            throw new AwsEvidenceMissingException(AwsEvidenceFiles.DescribeClusters,
                $"aws redshift describe-clusters --cluster-identifier {Q(clusterIdentifier ?? "<cluster>")} --output json > {AwsEvidenceFiles.DescribeClusters}",
                EvidenceTargetSelection.Ambiguity(clusters, clusterIdentifier, endpointHost, ClusterName, "cluster", "--cluster"));
        }

        var endpoint = JsonFields.Object(cluster, "Endpoint");
        return Task.FromResult(new RedshiftCluster(
            JsonFields.String(cluster, "ClusterIdentifier") ?? clusterIdentifier ?? "",
            JsonFields.String(cluster, "ClusterStatus"),
            endpoint is { } e && JsonFields.String(e, "Address") is { } address ? new RedshiftEndpoint(address, JsonFields.Int(e, "Port") ?? 5439) : null,
            JsonFields.Bool(cluster, "PubliclyAccessible"),
            JsonFields.Array(cluster, "VpcSecurityGroups").Select(g => JsonFields.String(g, "VpcSecurityGroupId")).OfType<string>().ToList(),
            JsonFields.Array(cluster, "IamRoles")
                .Where(r => JsonFields.String(r, "IamRoleArn") is not null)
                .Select(r => new RedshiftIamRole(JsonFields.String(r, "IamRoleArn")!, JsonFields.String(r, "ApplyStatus")))
                .ToList(),
            JsonFields.NonEmpty(JsonFields.String(cluster, "ClusterNamespaceArn")),
            JsonFields.BoolOrNull(cluster, "EnhancedVpcRouting"),
            ClusterNetwork(cluster)));
    }

    public Task<ServerlessWorkgroup> GetWorkgroupAsync(string? workgroupName, CancellationToken ct)
    {
        var command = $"aws redshift-serverless get-workgroup --workgroup-name {Q(workgroupName ?? "<workgroup>")}";
        var root = Load(AwsEvidenceFiles.GetWorkgroup, command);
        var workgroup = JsonFields.Object(root, "workgroup") ?? ListedWorkgroup(root, workgroupName, command);
        var name = JsonFields.String(workgroup, "workgroupName") ?? workgroupName ?? "";
        if (workgroupName is not null && name != workgroupName)
        {
            throw Missing(AwsEvidenceFiles.GetWorkgroup, command, $"describes workgroup {name}, not {workgroupName}");
        }

        return Task.FromResult(ServerlessJsonMapping.Workgroup(workgroup, workgroupName));
    }

    public Task<ServerlessNamespace> GetNamespaceAsync(string namespaceName, CancellationToken ct)
    {
        var command = $"aws redshift-serverless get-namespace --namespace-name {Q(namespaceName)}";
        var ns = Required(Load(AwsEvidenceFiles.GetNamespace, command), "namespace", AwsEvidenceFiles.GetNamespace, command);
        var name = JsonFields.String(ns, "namespaceName") ?? namespaceName;
        if (name != namespaceName)
        {
            throw Missing(AwsEvidenceFiles.GetNamespace, command, $"describes namespace {name}, not {namespaceName}");
        }

        return Task.FromResult(ServerlessJsonMapping.Namespace(ns, namespaceName));
    }

    // Deliberately a second reading of security groups beside Ec2Client: the client gets AWSSDK.EC2 objects,
    // the CLI prints JSON with the API's member names (IpRanges[].CidrIp, where the SDK says Ipv4Ranges)
    // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html); both fill the same records.
    public Task<IReadOnlyList<SecurityGroup>> DescribeSecurityGroupsAsync(IReadOnlyList<string> groupIds, CancellationToken ct)
    {
        var command = $"aws ec2 describe-security-groups --group-ids {string.Join(" ", groupIds.Select(Q))}";
        var groups = JsonFields.Array(Load(AwsEvidenceFiles.DescribeSecurityGroups, command), "SecurityGroups")
            .Select(g => new SecurityGroup(
                JsonFields.String(g, "GroupId") ?? "",
                JsonFields.String(g, "GroupName"),
                JsonFields.Array(g, "IpPermissions").Select(p => new SecurityGroupPermission(
                    JsonFields.String(p, "IpProtocol") ?? "",
                    JsonFields.Int(p, "FromPort"),
                    JsonFields.Int(p, "ToPort"),
                    JsonFields.Array(p, "IpRanges").Select(r => JsonFields.String(r, "CidrIp")).OfType<string>().ToList(),
                    JsonFields.Array(p, "Ipv6Ranges").Select(r => JsonFields.String(r, "CidrIpv6")).OfType<string>().ToList(),
                    JsonFields.Array(p, "PrefixListIds").Select(r => JsonFields.String(r, "PrefixListId")).OfType<string>().ToList(),
                    JsonFields.Array(p, "UserIdGroupPairs").Select(r => JsonFields.String(r, "GroupId")).OfType<string>().ToList())).ToList()))
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
        var name = JsonFields.String(role, "RoleName") ?? "";
        if (name != roleName)
        {
            throw Missing(AwsEvidenceFiles.GetRole, command, $"describes role {name}, not {roleName}");
        }

        return Task.FromResult(new IamRoleInfo(
            name,
            JsonFields.String(role, "Arn") ?? "",
            EvidenceJson.PolicyDocument(role, "AssumeRolePolicyDocument"),
            JsonFields.Object(role, "PermissionsBoundary") is { } boundary ? JsonFields.String(boundary, "PermissionsBoundaryArn") : null));
    }

    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct)
    {
        var root = Load(AwsEvidenceFiles.ListAttachedRolePolicies, $"aws iam list-attached-role-policies --role-name {Q(roleName)}");
        return Task.FromResult<IReadOnlyList<AttachedPolicy>>(JsonFields.Array(root, "AttachedPolicies")
            .Select(p => new AttachedPolicy(JsonFields.String(p, "PolicyName") ?? "", JsonFields.String(p, "PolicyArn") ?? ""))
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
        return Task.FromResult(JsonFields.Strings(root, "PolicyNames"));
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
        var results = JsonFields.Array(Load(AwsEvidenceFiles.SimulatePrincipalPolicy, command), "EvaluationResults").ToList();
        var result = results.FirstOrDefault(r => r.ValueKind == JsonValueKind.Object
                                                 && string.Equals(JsonFields.String(r, "EvalResourceName"), cargoRoleArn, StringComparison.Ordinal)
                                                 && string.Equals(JsonFields.String(r, "EvalActionName"), "sts:AssumeRole", StringComparison.OrdinalIgnoreCase));
        if (result.ValueKind != JsonValueKind.Object)
        {
            result = results.FirstOrDefault();
        }

        if (result.ValueKind != JsonValueKind.Object || JsonFields.String(result, "EvalDecision") is not { } decision)
        {
            throw Missing(AwsEvidenceFiles.SimulatePrincipalPolicy, command, "has no EvaluationResults");
        }

        return Task.FromResult(new PolicySimulationResult(
            // No action named: the answer cannot be shown to be about sts:AssumeRole, so it decides nothing.
            JsonFields.String(result, "EvalActionName") ?? "",
            JsonFields.String(result, "EvalResourceName"),
            decision,
            JsonFields.Array(result, "MatchedStatements").Select(s => JsonFields.String(s, "SourcePolicyId")).OfType<string>().ToList()));
    }

    /// <summary>The region named by the evidence (cluster namespace ARN, workgroup or namespace ARN), if any.</summary>
    public string? InferRegion()
    {
        foreach (var (file, read) in new (string, Func<JsonElement, string?>)[]
        {
            (AwsEvidenceFiles.DescribeClusters, r => JsonFields.Array(r, "Clusters").Select(c => JsonFields.String(c, "ClusterNamespaceArn")).FirstOrDefault()),
            (AwsEvidenceFiles.GetWorkgroup, r => JsonFields.Object(r, "workgroup") is { } w ? JsonFields.String(w, "workgroupArn") : null),
            (AwsEvidenceFiles.GetNamespace, r => JsonFields.Object(r, "namespace") is { } n ? JsonFields.String(n, "namespaceArn") : null),
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
            var text = BoundedRead.FileText(path);
            using var document = JsonDocument.Parse(text);
            JsonTextCheck.Check(text);
            return document.RootElement.Clone();
        }
        catch (FormatException e)
        {
            throw new AwsEvidenceMissingException(fileName, full, $"is not valid: {e.Message}");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new AwsEvidenceMissingException(fileName, full, $"cannot be read as JSON ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    /// <summary>A list-workgroups output saved as get-workgroup.json: the one workgroup meant, never the first by position.</summary>
    private JsonElement ListedWorkgroup(JsonElement root, string? workgroupName, string command)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("workgroups", out _))
        {
            throw Missing(AwsEvidenceFiles.GetWorkgroup, command, "has no \"workgroup\" object");
        }

        var workgroups = JsonFields.Array(root, "workgroups").Where(w => w.ValueKind == JsonValueKind.Object).ToList();
        return EvidenceTargetSelection.Select(workgroups, workgroupName, endpointHost, WorkgroupName, WorkgroupAddress)
            ?? throw Missing(AwsEvidenceFiles.GetWorkgroup, command, EvidenceTargetSelection.Ambiguity(workgroups, workgroupName, endpointHost, WorkgroupName, "workgroup", "--workgroup"));
    }

    private static string? ClusterName(JsonElement cluster) => JsonFields.String(cluster, "ClusterIdentifier");

    private static string? ClusterAddress(JsonElement cluster) =>
        JsonFields.Object(cluster, "Endpoint") is { } endpoint ? JsonFields.String(endpoint, "Address") : null;

    private static string? WorkgroupName(JsonElement workgroup) => JsonFields.String(workgroup, "workgroupName");

    private static string? WorkgroupAddress(JsonElement workgroup) =>
        JsonFields.Object(workgroup, "endpoint") is { } endpoint ? JsonFields.String(endpoint, "address") : null;

    private static JsonElement Required(JsonElement root, string property, string fileName, string command) =>
        JsonFields.Object(root, property) ?? throw Missing(fileName, command, $"has no \"{property}\" object");

    private static AwsEvidenceMissingException Missing(string fileName, string command, string problem) =>
        new(fileName, $"{command} --output json > {fileName}", problem);

    private static string Q(string value) => ShellQuote.Arg(value);
}

using System.Security;
using System.Text.Json;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// A stateful in-memory AWS account behind a <see cref="FakeAwsEndpoint"/>: write calls (IAM roles and
/// inline policies, cluster and namespace roles, public access, security-group ingress) change what the
/// read calls return, so a script run with the real <c>aws</c> CLI can be checked afterwards by
/// <c>cargo-doctor check</c> and its state asserted. Request and response shapes and error codes follow
/// the service models in boto/botocore (iam 2010-05-08, redshift 2012-12-01, redshift-serverless
/// 2021-04-21, ec2 2016-11-15). Attaching a role is in-sync at once (AWS shows "adding" for a while
/// first: https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html).
/// Operations it does not model fall through to the endpoint's scripted responses.
/// </summary>
public sealed partial class FakeAwsAccount
{
    private readonly Lock gate = new();

    /// <param name="accountId">The account whose callers (see <see cref="FakeAwsEndpoint.AddCaller"/>) this one answers;
    /// requests signed by a caller of another account go on to the next handler.</param>
    public FakeAwsAccount(FakeAwsEndpoint endpoint, string accountId = FakeAwsResponses.AccountId)
    {
        Region = endpoint.Region;
        AccountId = accountId;
        var next = endpoint.Handler;
        endpoint.Handler = request => request.CallerAccountId == AccountId ? Handle(request) : next?.Invoke(request);
    }

    public string AccountId { get; }

    public string Region { get; }

    public Dictionary<string, FakeRole> Roles { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeCluster> Clusters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeWorkgroup> Workgroups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeNamespace> Namespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Inbound rules per security group id.</summary>
    public Dictionary<string, List<FakeIngressRule>> SecurityGroups { get; } = new(StringComparer.Ordinal);

    public string RoleArn(string name) => $"arn:aws:iam::{AccountId}:role/{name}";

    private FakeAwsResponse? Handle(RecordedAwsRequest request)
    {
        lock (gate)
        {
            return request.SigningService switch
            {
                "iam" => Simulate(request.Operation, request.Form) ?? Iam(request.Operation, request.Form),
                "redshift" => RedshiftVpc(request.Operation, request.Form) ?? Redshift(request.Operation, request.Form),
                "redshift-serverless" => Serverless(request.Operation, JsonDocument.Parse(request.Body.Length == 0 ? "{}" : request.Body).RootElement),
                "ec2" => Ec2(request.Operation, request.Form),
                "s3" => S3(request),
                "kms" => Kms(request.Operation, JsonDocument.Parse(request.Body.Length == 0 ? "{}" : request.Body).RootElement, request.SigningRegion),
                _ => null,
            };
        }
    }

    /// <summary>The values of a Query list parameter (<c>Name.member.1</c>, <c>Name.IamRoleArn.1</c>, <c>Name.1</c>), in order.</summary>
    private static List<string> List(IReadOnlyDictionary<string, string> form, string name) =>
        form.Where(f => f.Key.StartsWith(name + ".", StringComparison.Ordinal))
            .OrderBy(f => int.Parse(f.Key[(f.Key.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(f => f.Value)
            .ToList();

    private static string X(string value) => SecurityElement.Escape(value);
}

public sealed class FakeRole(string name, string arn, string trustPolicy)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public string TrustPolicy { get; set; } = trustPolicy;

    public Dictionary<string, string> InlinePolicies { get; } = new(StringComparer.Ordinal);
}

public sealed class FakeCluster(string id)
{
    public string Id { get; } = id;

    public bool PubliclyAccessible { get; set; }

    /// <summary>DescribeClusters EnhancedVpcRouting (https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html).</summary>
    public bool EnhancedVpcRouting { get; set; }

    public int Port { get; set; } = 5439;

    public List<string> SecurityGroupIds { get; } = [];

    /// <summary>Attached role ARNs in order; a duplicate would show here.</summary>
    public List<string> IamRoles { get; } = [];

    /// <summary>The cluster subnet group; null: DescribeClusters names none (see FakeAwsAccountVpc.cs).</summary>
    public string? SubnetGroupName { get; set; }

    public string? LeaderPrivateIp { get; set; }

    public string? PublicIp { get; set; }

    public string? ElasticIp { get; set; }

    /// <summary>How many DescribeClusters after a change show the cluster modifying (its new roles adding); 0: applied at once.</summary>
    public int BusyReadsAfterChange { get; set; }

    internal int BusyReadsLeft { get; set; }

    internal List<string> RolesBeingAdded { get; set; } = [];
}

public sealed class FakeWorkgroup(string name, string namespaceName)
{
    public string Name { get; } = name;

    public string NamespaceName { get; } = namespaceName;

    public bool PubliclyAccessible { get; set; }

    public int Port { get; set; } = 5439;

    public List<string> SecurityGroupIds { get; } = [];

    /// <summary>GetWorkgroup subnetIds; empty: the scripted default (subnet-1, subnet-2).</summary>
    public List<string> SubnetIds { get; } = [];

    /// <summary>GetWorkgroup endpoint.vpcEndpoints[0].vpcId; null: no VPC endpoint is reported.</summary>
    public string? VpcId { get; set; }

    /// <summary>The network interfaces of the workgroup's VPC endpoint (ids of <see cref="FakeVpc.NetworkInterfaces"/>).</summary>
    public List<string> NetworkInterfaceIds { get; } = [];

    public bool EnhancedVpcRouting { get; set; }
}

public sealed class FakeNamespace(string name)
{
    public string Name { get; } = name;

    public List<string> IamRoles { get; } = [];

    public string DefaultIamRoleArn { get; set; } = "";
}

/// <summary>One inbound rule: protocol, port range and one source range (IPv4 or IPv6 CIDR).</summary>
public sealed record FakeIngressRule(string Protocol, int FromPort, int ToPort, string Cidr);

using System.Security;
using System.Text.Json;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Canned AWS response bodies in the documented wire shapes. Combine them with
/// <see cref="FakeAwsEndpoint.Respond"/> to build scenarios (see <see cref="FakeAwsScenarios"/>).
/// </summary>
public static class FakeAwsResponses
{
    public const string AccountId = "123456789012";
    public const string CargoAccountId = "210987654321";
    public const string CustomerRoleName = "cargo-redshift-access";
    public const string CustomerRoleArn = "arn:aws:iam::123456789012:role/cargo-redshift-access";
    public const string CargoRoleArn = "arn:aws:iam::210987654321:role/cargo-data-loader";
    public const string ExternalId = "cargo-external-id-42";

    private const string IamNs = "https://iam.amazonaws.com/doc/2010-05-08/";
    private const string RedshiftNs = "http://redshift.amazonaws.com/doc/2012-12-01/";
    private const string Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static string TrustPolicyFor(string trustedPrincipalArn, string externalId = ExternalId) =>
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"""
        + JsonSerializer.Serialize(trustedPrincipalArn)
        + """},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"""
        + JsonSerializer.Serialize(externalId)
        + "}}}]}";

    public static string RedshiftServiceTrustPolicy() => """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["redshift.amazonaws.com","redshift-serverless.amazonaws.com"]},"Action":"sts:AssumeRole"}]}
        """;

    // ---- errors ----

    /// <summary>Query-protocol error (IAM, Redshift), e.g. 403 AccessDenied, 404 NoSuchEntity, 400 Throttling.</summary>
    public static FakeAwsResponse QueryError(int status, string code, string message, string type = "Sender") => FakeAwsResponse.Xml($"""
        <ErrorResponse><Error><Type>{type}</Type><Code>{X(code)}</Code><Message>{X(message)}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>
        """, status);

    /// <summary>EC2-protocol error, e.g. 403 UnauthorizedOperation, 400 InvalidGroup.NotFound, 503 RequestLimitExceeded.</summary>
    public static FakeAwsResponse Ec2Error(int status, string code, string message) => FakeAwsResponse.Xml($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Response><Errors><Error><Code>{X(code)}</Code><Message>{X(message)}</Message></Error></Errors><RequestID>req-1</RequestID></Response>
        """, status);

    /// <summary>JSON 1.1 error (Redshift Serverless), e.g. 400 AccessDeniedException, 400 ResourceNotFoundException.</summary>
    public static FakeAwsResponse JsonError(int status, string type, string message) =>
        FakeAwsResponse.Json(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }), status);

    public static FakeAwsResponse QueryAccessDenied(string action) =>
        QueryError(403, "AccessDenied", $"User: arn:aws:sts::{AccountId}:assumed-role/doctor/session is not authorized to perform: {action}");

    public static FakeAwsResponse QueryThrottling() => QueryError(400, "Throttling", "Rate exceeded");

    public static FakeAwsResponse Ec2Throttling() => Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.");

    public static FakeAwsResponse JsonThrottling() => JsonError(400, "ThrottlingException", "Rate exceeded");

    // ---- IAM ----

    public static FakeAwsResponse GetRole(string roleName, string arn, string trustPolicyJson) => Iam("GetRole", $"""
        <Role><Path>/</Path><RoleName>{X(roleName)}</RoleName><RoleId>AROAFAKEROLEID</RoleId><Arn>{X(arn)}</Arn>
        <CreateDate>2024-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>{Encoded(trustPolicyJson)}</AssumeRolePolicyDocument>
        <MaxSessionDuration>3600</MaxSessionDuration></Role>
        """);

    public static FakeAwsResponse ListAttachedRolePolicies(string? nextMarker, params (string Name, string Arn)[] policies) =>
        Iam("ListAttachedRolePolicies", $"""
        <AttachedPolicies>{string.Concat(policies.Select(p => $"<member><PolicyName>{X(p.Name)}</PolicyName><PolicyArn>{X(p.Arn)}</PolicyArn></member>"))}</AttachedPolicies>
        {Paging(nextMarker)}
        """);

    public static FakeAwsResponse GetPolicy(string arn, string name, string defaultVersionId = "v1") => Iam("GetPolicy", $"""
        <Policy><PolicyName>{X(name)}</PolicyName><DefaultVersionId>{defaultVersionId}</DefaultVersionId><PolicyId>ANPAFAKE</PolicyId>
        <Path>/</Path><Arn>{X(arn)}</Arn><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable></Policy>
        """);

    public static FakeAwsResponse GetPolicyVersion(string documentJson, string versionId = "v1") => Iam("GetPolicyVersion", $"""
        <PolicyVersion><Document>{Encoded(documentJson)}</Document><VersionId>{versionId}</VersionId>
        <IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-01-01T00:00:00Z</CreateDate></PolicyVersion>
        """);

    public static FakeAwsResponse ListRolePolicies(string? nextMarker, params string[] policyNames) => Iam("ListRolePolicies", $"""
        <PolicyNames>{string.Concat(policyNames.Select(n => $"<member>{X(n)}</member>"))}</PolicyNames>
        {Paging(nextMarker)}
        """);

    public static FakeAwsResponse GetRolePolicy(string roleName, string policyName, string documentJson) => Iam("GetRolePolicy", $"""
        <RoleName>{X(roleName)}</RoleName><PolicyName>{X(policyName)}</PolicyName><PolicyDocument>{Encoded(documentJson)}</PolicyDocument>
        """);

    /// <param name="results">Decision is allowed | explicitDeny | implicitDeny.</param>
    public static FakeAwsResponse SimulatePrincipalPolicy(string? nextMarker, params (string Action, string Resource, string Decision)[] results) =>
        Iam("SimulatePrincipalPolicy", $"""
        <EvaluationResults>{string.Concat(results.Select(r => $"""
            <member><EvalActionName>{X(r.Action)}</EvalActionName><EvalResourceName>{X(r.Resource)}</EvalResourceName>
            <EvalDecision>{r.Decision}</EvalDecision><MatchedStatements>{(r.Decision == "allowed" ? "<member><SourcePolicyId>cargo-assume</SourcePolicyId><SourcePolicyType>IAM Policy</SourcePolicyType></member>" : "")}</MatchedStatements>
            <MissingContextValues/></member>
            """))}</EvaluationResults>
        {Paging(nextMarker)}
        """);

    // ---- Redshift (provisioned) ----

    public static string Cluster(
        string clusterId = "cargo-cluster",
        string status = "available",
        bool publiclyAccessible = true,
        string[]? securityGroupIds = null,
        (string Arn, string ApplyStatus)[]? iamRoles = null,
        string? defaultIamRoleArn = null,
        string[]? parameterGroups = null,
        int port = 5439,
        string? endpointAddress = null,
        string networkXml = "",
        bool enhancedVpcRouting = false) => $"""
        <Cluster><ClusterIdentifier>{X(clusterId)}</ClusterIdentifier><NodeType>ra3.xlplus</NodeType><ClusterStatus>{status}</ClusterStatus>
        <DBName>dev</DBName><Endpoint><Address>{X(endpointAddress ?? $"{clusterId}.abc123xyz789.eu-west-1.redshift.amazonaws.com")}</Address><Port>{port}</Port></Endpoint>
        <PubliclyAccessible>{(publiclyAccessible ? "true" : "false")}</PubliclyAccessible><VpcId>vpc-0abc</VpcId>
        <ClusterNamespaceArn>arn:aws:redshift:eu-west-1:{AccountId}:namespace:11111111-2222-3333-4444-555555555555</ClusterNamespaceArn>
        <VpcSecurityGroups>{string.Concat((securityGroupIds ?? ["sg-0cargo"]).Select(id => $"<VpcSecurityGroup><VpcSecurityGroupId>{X(id)}</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroup>"))}</VpcSecurityGroups>
        <ClusterParameterGroups>{string.Concat((parameterGroups ?? ["cargo-params"]).Select(g => $"<ClusterParameterGroup><ParameterGroupName>{X(g)}</ParameterGroupName><ParameterApplyStatus>in-sync</ParameterApplyStatus></ClusterParameterGroup>"))}</ClusterParameterGroups>
        <IamRoles>{string.Concat((iamRoles ?? [(CustomerRoleArn, "in-sync")]).Select(r => $"<ClusterIamRole><IamRoleArn>{X(r.Arn)}</IamRoleArn><ApplyStatus>{r.ApplyStatus}</ApplyStatus></ClusterIamRole>"))}</IamRoles>
        <DefaultIamRoleArn>{X(defaultIamRoleArn ?? "")}</DefaultIamRoleArn><EnhancedVpcRouting>{(enhancedVpcRouting ? "true" : "false")}</EnhancedVpcRouting>{networkXml}</Cluster>
        """;

    public static FakeAwsResponse DescribeClusters(string? nextMarker, params string[] clusters) => Redshift("DescribeClusters", $"""
        <Clusters>{string.Concat(clusters)}</Clusters>{Marker(nextMarker)}
        """);

    // ---- Redshift Serverless ----

    public static FakeAwsResponse GetWorkgroup(
        string workgroupName = "cargo-wg",
        string namespaceName = "cargo-ns",
        bool publiclyAccessible = true,
        string[]? securityGroupIds = null,
        int port = 5439,
        IReadOnlyDictionary<string, string>? configParameters = null,
        string[]? subnetIds = null,
        object[]? vpcEndpoints = null,
        bool enhancedVpcRouting = false) => FakeAwsResponse.Json(JsonSerializer.Serialize(new
        {
            workgroup = new
            {
                workgroupName,
                workgroupId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                workgroupArn = $"arn:aws:redshift-serverless:eu-west-1:{AccountId}:workgroup/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                namespaceName,
                status = "AVAILABLE",
                publiclyAccessible,
                enhancedVpcRouting,
                securityGroupIds = securityGroupIds ?? ["sg-0cargo"],
                subnetIds = subnetIds ?? ["subnet-1", "subnet-2"],
                port,
                endpoint = new { address = $"{workgroupName}.{AccountId}.eu-west-1.redshift-serverless.amazonaws.com", port, vpcEndpoints = vpcEndpoints ?? [] },
                configParameters = (configParameters ?? new Dictionary<string, string> { ["require_ssl"] = "true" })
                    .Select(p => new { parameterKey = p.Key, parameterValue = p.Value }),
                baseCapacity = 8,
            },
        }));

    /// <param name="iamRoles">Raw strings as AWS sends them; see <see cref="SerializedIamRole"/>.</param>
    public static FakeAwsResponse GetNamespace(string namespaceName = "cargo-ns", string[]? iamRoles = null, string defaultIamRoleArn = "") =>
        FakeAwsResponse.Json(JsonSerializer.Serialize(new
        {
            @namespace = new
            {
                namespaceName,
                namespaceId = "11111111-2222-3333-4444-555555555555",
                namespaceArn = $"arn:aws:redshift-serverless:eu-west-1:{AccountId}:namespace/11111111-2222-3333-4444-555555555555",
                status = "AVAILABLE",
                dbName = "dev",
                adminUsername = "admin",
                defaultIamRoleArn,
                iamRoles = iamRoles ?? [SerializedIamRole(CustomerRoleArn)],
                logExports = Array.Empty<string>(),
            },
        }));

    /// <summary>The stringified struct GetNamespace really returns for an attached role.</summary>
    public static string SerializedIamRole(string arn, string applyStatus = "in-sync", bool arnFirst = false) => arnFirst
        ? $"IamRole(iamRoleArn={arn}, applyStatus={applyStatus})"
        : $"IamRole(applyStatus={applyStatus}, iamRoleArn={arn})";

    // ---- EC2 ----

    public static string IpPermission(
        string protocol = "tcp",
        int? fromPort = 5439,
        int? toPort = 5439,
        string[]? cidrs = null,
        string[]? ipv6Cidrs = null,
        string[]? prefixListIds = null,
        string[]? groupIds = null) => $"""
        <item><ipProtocol>{protocol}</ipProtocol>{(fromPort is null ? "" : $"<fromPort>{fromPort}</fromPort>")}{(toPort is null ? "" : $"<toPort>{toPort}</toPort>")}
        <groups>{string.Concat((groupIds ?? []).Select(g => $"<item><userId>{AccountId}</userId><groupId>{X(g)}</groupId></item>"))}</groups>
        <ipRanges>{string.Concat((cidrs ?? []).Select(c => $"<item><cidrIp>{X(c)}</cidrIp><description>cargo</description></item>"))}</ipRanges>
        <ipv6Ranges>{string.Concat((ipv6Cidrs ?? []).Select(c => $"<item><cidrIpv6>{X(c)}</cidrIpv6></item>"))}</ipv6Ranges>
        <prefixListIds>{string.Concat((prefixListIds ?? []).Select(p => $"<item><prefixListId>{X(p)}</prefixListId></item>"))}</prefixListIds></item>
        """;

    public static string SecurityGroup(string groupId, string vpcId = "vpc-0abc", params string[] inboundPermissions) => $"""
        <item><ownerId>{AccountId}</ownerId><groupId>{X(groupId)}</groupId><groupName>{X(groupId)}-name</groupName>
        <groupDescription>test</groupDescription><vpcId>{X(vpcId)}</vpcId>
        <ipPermissions>{string.Concat(inboundPermissions)}</ipPermissions>
        <ipPermissionsEgress>{IpPermission("-1", null, null, ["0.0.0.0/0"])}</ipPermissionsEgress></item>
        """;

    public static FakeAwsResponse DescribeSecurityGroups(string? nextToken, params string[] groups) => FakeAwsResponse.Xml($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeSecurityGroupsResponse xmlns="{Ec2Ns}"><requestId>req-1</requestId>
        <securityGroupInfo>{string.Concat(groups)}</securityGroupInfo>{(nextToken is null ? "" : $"<nextToken>{X(nextToken)}</nextToken>")}
        </DescribeSecurityGroupsResponse>
        """);

    // ---- framing ----

    private static FakeAwsResponse Iam(string action, string result) => FakeAwsResponse.Xml($"""
        <{action}Response xmlns="{IamNs}"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></{action}Response>
        """);

    private static FakeAwsResponse Redshift(string action, string result) => FakeAwsResponse.Xml($"""
        <{action}Response xmlns="{RedshiftNs}"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></{action}Response>
        """);

    private static string Paging(string? nextMarker) => nextMarker is null
        ? "<IsTruncated>false</IsTruncated>"
        : $"<IsTruncated>true</IsTruncated><Marker>{X(nextMarker)}</Marker>";

    private static string Marker(string? nextMarker) => nextMarker is null ? "" : $"<Marker>{X(nextMarker)}</Marker>";

    /// <summary>IAM sends policy documents URL-encoded (RFC 3986) and then XML-escaped.</summary>
    private static string Encoded(string json) => X(Uri.EscapeDataString(json.Trim()));

    private static string X(string value) => SecurityElement.Escape(value);
}

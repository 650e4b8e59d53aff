using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using Cargo.Doctor.Sources.Aws;
using Cargo.Doctor.Tests.Aws;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>
/// The API client and the evidence folder read one JSON document the same way: the CLI's
/// <c>aws redshift-serverless get-workgroup/get-namespace --output json</c> prints the API's own shape
/// (members of Workgroup and Namespace in the botocore model
/// https://github.com/boto/botocore/blob/develop/botocore/data/redshift-serverless/2021-04-21/service-2.json).
/// </summary>
[Trait("Category", "Aws")]
public sealed class ServerlessSameJsonTests : IDisposable
{
    // Every member the model lists that the doctor reads, and some it does not, in the shapes AWS sends.
    private const string Workgroup = """
        {"workgroup": {
          "baseCapacity": 8,
          "configParameters": [{"parameterKey": "require_ssl", "parameterValue": "true"}, {"parameterKey": "search_path", "parameterValue": "$user, public"}],
          "creationDate": "2024-05-01T10:00:00.000000+00:00",
          "endpoint": {"address": "cargo-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com", "port": 5450,
                       "vpcEndpoints": [{"vpcEndpointId": "vpce-0abc", "vpcId": "vpc-0abc", "networkInterfaces": []}]},
          "enhancedVpcRouting": false,
          "namespaceName": "cargo-ns",
          "port": 5450,
          "publiclyAccessible": true,
          "securityGroupIds": ["sg-a", "sg-b"],
          "status": "AVAILABLE",
          "subnetIds": ["subnet-1"],
          "workgroupArn": "arn:aws:redshift-serverless:eu-west-1:123456789012:workgroup/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
          "workgroupId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
          "workgroupName": "cargo-wg"
        }}
        """;

    private const string Namespace = """
        {"namespace": {
          "adminUsername": "admin",
          "creationDate": "2024-05-01T10:00:00.000000+00:00",
          "dbName": "dev",
          "defaultIamRoleArn": "arn:aws:iam::123456789012:role/second",
          "iamRoles": ["IamRole(applyStatus=in-sync, iamRoleArn=arn:aws:iam::123456789012:role/cargo-redshift)",
                       "IamRole(iamRoleArn=arn:aws:iam::123456789012:role/second, applyStatus=adding)",
                       "arn:aws:iam::123456789012:role/third"],
          "logExports": [],
          "namespaceArn": "arn:aws:redshift-serverless:eu-west-1:123456789012:namespace/11111111-2222-3333-4444-555555555555",
          "namespaceId": "11111111-2222-3333-4444-555555555555",
          "namespaceName": "cargo-ns",
          "status": "AVAILABLE"
        }}
        """;

    private readonly FakeAwsEndpoint fake = new();
    private readonly AwsClients clients;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cargo-doctor-same-json-" + Guid.NewGuid().ToString("N"));

    public ServerlessSameJsonTests()
    {
        clients = fake.CreateClients();
        Directory.CreateDirectory(folder);
    }

    public void Dispose()
    {
        clients.Dispose();
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task get_workgroup_document_gives_equal_records()
    {
        var (api, evidence) = await ReadWorkgroupBothWaysAsync(Workgroup);

        Assert.Equivalent(api, evidence, strict: true);
        Assert.Equal(new RedshiftEndpoint("cargo-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com", 5450), evidence.Endpoint);
        Assert.Equal(["sg-a", "sg-b"], evidence.SecurityGroupIds);
        Assert.Equal(("cargo-ns", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"), (evidence.NamespaceName, evidence.WorkgroupId));
    }

    [Fact]
    public async Task get_namespace_document_gives_equal_records()
    {
        File.WriteAllText(Path.Combine(folder, AwsEvidenceFiles.GetNamespace), Namespace);
        fake.Respond("GetNamespace", FakeAwsResponse.Json(Namespace));

        var api = await clients.RedshiftServerless.GetNamespaceAsync("cargo-ns", TestContext.Current.CancellationToken);
        var evidence = await new AwsEvidenceSource(folder).GetNamespaceAsync("cargo-ns", TestContext.Current.CancellationToken);

        Assert.Equivalent(api, evidence, strict: true);
        Assert.Equal(
            [new RedshiftIamRole("arn:aws:iam::123456789012:role/cargo-redshift", "in-sync"),
             new RedshiftIamRole("arn:aws:iam::123456789012:role/second", "adding"),
             new RedshiftIamRole("arn:aws:iam::123456789012:role/third", null)],
            evidence.IamRoles);
        Assert.Equal("arn:aws:iam::123456789012:role/second", evidence.DefaultIamRoleArn);
        Assert.StartsWith("arn:aws:redshift-serverless:eu-west-1:123456789012:namespace/", evidence.NamespaceArn);
    }

    [Fact]
    public async Task a_mistyped_member_the_doctor_does_not_read_fails_neither_path()
    {
        // A null where the model has a ConfigParameter object: the evidence path skipped it, the client
        // path rejected the whole workgroup (MalformedResponse), leaving every net.* check unknown.
        var (api, evidence) = await ReadWorkgroupBothWaysAsync(
            Workgroup.Replace("\"configParameters\": [", "\"configParameters\": [null, ", StringComparison.Ordinal));

        Assert.Equivalent(api, evidence, strict: true);
        Assert.True(api.PubliclyAccessible);
    }

    private async Task<(ServerlessWorkgroup Api, ServerlessWorkgroup Evidence)> ReadWorkgroupBothWaysAsync(string document)
    {
        File.WriteAllText(Path.Combine(folder, AwsEvidenceFiles.GetWorkgroup), document);
        fake.Respond("GetWorkgroup", FakeAwsResponse.Json(document));

        var api = await clients.RedshiftServerless.GetWorkgroupAsync("cargo-wg", TestContext.Current.CancellationToken);
        var evidence = await new AwsEvidenceSource(folder).GetWorkgroupAsync("cargo-wg", TestContext.Current.CancellationToken);
        return (api, evidence);
    }
}

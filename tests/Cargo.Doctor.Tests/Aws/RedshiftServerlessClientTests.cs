using System.Text.Json;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

[Trait("Category", "Aws")]
public sealed class RedshiftServerlessClientTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly AwsClients clients;

    public RedshiftServerlessClientTests() => clients = fake.CreateClients();

    public void Dispose()
    {
        clients.Dispose();
        fake.Dispose();
    }

    [Fact]
    public async Task GetWorkgroup_reads_network_settings()
    {
        fake.Respond("GetWorkgroup", GetWorkgroup(
            "cargo-wg", "cargo-ns", publiclyAccessible: true, securityGroupIds: ["sg-a", "sg-b"], port: 5450,
            configParameters: new Dictionary<string, string> { ["require_ssl"] = "true", ["search_path"] = "$user, public" }));

        var workgroup = await clients.RedshiftServerless.GetWorkgroupAsync("cargo-wg", TestContext.Current.CancellationToken);

        Assert.Equal("cargo-wg", workgroup.WorkgroupName);
        Assert.Equal("cargo-ns", workgroup.NamespaceName);
        Assert.Equal("AVAILABLE", workgroup.Status);
        Assert.NotNull(workgroup.WorkgroupId);
        Assert.True(workgroup.PubliclyAccessible);
        Assert.Equal(["sg-a", "sg-b"], workgroup.SecurityGroupIds);
        Assert.Equal(5450, workgroup.Port);
        Assert.Equal(new RedshiftEndpoint("cargo-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com", 5450), workgroup.Endpoint);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("RedshiftServerless.GetWorkgroup", request.Target);
        Assert.Equal("cargo-wg", JsonDocument.Parse(request.Body).RootElement.GetProperty("workgroupName").GetString());
        Assert.Equal(("redshift-serverless", "eu-west-1"), (request.SigningService, request.SigningRegion));
    }

    [Fact]
    public async Task GetNamespace_parses_iam_roles_in_both_key_orders_and_as_bare_arns()
    {
        const string second = "arn:aws:iam::123456789012:role/second";
        const string third = "arn:aws:iam::123456789012:role/third";
        fake.Respond("GetNamespace", GetNamespace(
            "cargo-ns",
            [SerializedIamRole(CustomerRoleArn), SerializedIamRole(second, "adding", arnFirst: true), third],
            defaultIamRoleArn: CustomerRoleArn));

        var ns = await clients.RedshiftServerless.GetNamespaceAsync("cargo-ns", TestContext.Current.CancellationToken);

        Assert.Equal(
            [new RedshiftIamRole(CustomerRoleArn, "in-sync"), new RedshiftIamRole(second, "adding"), new RedshiftIamRole(third, null)],
            ns.IamRoles);
        Assert.Equal(CustomerRoleArn, ns.DefaultIamRoleArn);
        Assert.StartsWith("arn:aws:redshift-serverless:eu-west-1:", ns.NamespaceArn);
        Assert.Equal("RedshiftServerless.GetNamespace", Assert.Single(fake.Requests).Target);
    }

    [Fact]
    public async Task Namespace_without_roles_has_none()
    {
        fake.Respond("GetNamespace", GetNamespace("cargo-ns", iamRoles: [], defaultIamRoleArn: ""));

        var ns = await clients.RedshiftServerless.GetNamespaceAsync("cargo-ns", TestContext.Current.CancellationToken);

        Assert.Equal("cargo-ns", ns.NamespaceName);
        Assert.Empty(ns.IamRoles);
        Assert.Equal("", ns.DefaultIamRoleArn); // AWS sends "" for a namespace without a default role
    }

    [Fact]
    public async Task Namespace_response_without_defaultIamRoleArn_leaves_the_default_role_unknown()
    {
        fake.Respond("GetNamespace", FakeAwsResponse.Json("""{"namespace": {"namespaceName": "cargo-ns", "iamRoles": []}}"""));

        var ns = await clients.RedshiftServerless.GetNamespaceAsync("cargo-ns", TestContext.Current.CancellationToken);

        Assert.Null(ns.DefaultIamRoleArn);
    }

    [Fact]
    public async Task AccessDeniedException_names_the_serverless_action()
    {
        fake.Respond("GetNamespace", JsonError(400, "AccessDeniedException", "User is not authorized to perform: redshift-serverless:GetNamespace"));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.RedshiftServerless.GetNamespaceAsync("cargo-ns", TestContext.Current.CancellationToken));

        Assert.True(error.IsAccessDenied);
        Assert.Equal("redshift-serverless:GetNamespace", error.IamAction);
        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task ResourceNotFoundException_with_a_qualified_type_is_not_found()
    {
        fake.Respond("GetWorkgroup", JsonError(400, "com.amazonaws.redshiftserverless#ResourceNotFoundException", "Workgroup x not found."));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.RedshiftServerless.GetWorkgroupAsync("x", TestContext.Current.CancellationToken));

        Assert.True(error.IsNotFound);
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }
}

using Cargo.Doctor.AwsApi.Clients;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

[Trait("Category", "Aws")]
public sealed class IamClientTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly AwsClients clients;

    public IamClientTests() => clients = fake.CreateClients();

    public void Dispose()
    {
        clients.Dispose();
        fake.Dispose();
    }

    [Fact]
    public async Task GetRole_decodes_the_url_encoded_trust_policy_and_signs_for_us_east_1()
    {
        var trust = TrustPolicyFor(CargoRoleArn);
        fake.Respond("GetRole", GetRole(CustomerRoleName, CustomerRoleArn, trust));

        var role = await clients.Iam.GetRoleAsync(CustomerRoleName, TestContext.Current.CancellationToken);

        Assert.Equal(CustomerRoleArn, role.Arn);
        Assert.Equal(CustomerRoleName, role.RoleName);
        Assert.Equal(trust, role.AssumeRolePolicyDocument);
        var request = Assert.Single(fake.Requests);
        Assert.Equal(CustomerRoleName, request.Form["RoleName"]);
        Assert.Equal("2010-05-08", request.Form["Version"]);
        Assert.Equal(("iam", "us-east-1"), (request.SigningService, request.SigningRegion));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=", request.Authorization);
        Assert.Empty(fake.SigningProblems);
    }

    [Fact]
    public async Task ListAttachedRolePolicies_follows_the_marker_until_not_truncated()
    {
        fake.Respond(
            "ListAttachedRolePolicies",
            ListAttachedRolePolicies("page-2", ("a", "arn:aws:iam::aws:policy/A")),
            ListAttachedRolePolicies(null, ("b", "arn:aws:iam::123456789012:policy/B")));

        var policies = await clients.Iam.ListAttachedRolePoliciesAsync(CustomerRoleName, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b"], policies.Select(p => p.PolicyName));
        var requests = fake.RequestsFor("ListAttachedRolePolicies").ToList();
        Assert.Equal(2, requests.Count);
        Assert.False(requests[0].Form.ContainsKey("Marker"));
        Assert.Equal("page-2", requests[1].Form["Marker"]);
    }

    [Fact]
    public async Task GetPolicy_and_GetPolicyVersion_return_the_decoded_default_document()
    {
        const string policyArn = "arn:aws:iam::123456789012:policy/cargo-assume";
        const string document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::210987654321:role/cargo-data-loader"}]}""";
        fake.Respond("GetPolicy", GetPolicy(policyArn, "cargo-assume", "v3"))
            .Respond("GetPolicyVersion", GetPolicyVersion(document, "v3"));

        var policy = await clients.Iam.GetPolicyAsync(policyArn, TestContext.Current.CancellationToken);
        var version = await clients.Iam.GetPolicyVersionAsync(policyArn, policy.DefaultVersionId!, TestContext.Current.CancellationToken);

        Assert.Equal("v3", policy.DefaultVersionId);
        Assert.Equal(document, version.Document);
        Assert.Equal("v3", fake.RequestsFor("GetPolicyVersion").Single().Form["VersionId"]);
    }

    [Fact]
    public async Task ListRolePolicies_pages_and_GetRolePolicy_decodes()
    {
        const string document = """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/a b+c"}]}""";
        fake.Respond("ListRolePolicies", ListRolePolicies("m1", "inline-1"), ListRolePolicies(null, "inline-2"))
            .Respond("GetRolePolicy", GetRolePolicy(CustomerRoleName, "inline-1", document));

        var names = await clients.Iam.ListRolePoliciesAsync(CustomerRoleName, TestContext.Current.CancellationToken);
        var inline = await clients.Iam.GetRolePolicyAsync(CustomerRoleName, "inline-1", TestContext.Current.CancellationToken);

        Assert.Equal(["inline-1", "inline-2"], names);
        Assert.Equal(document, inline.PolicyDocument);
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_sends_member_lists_and_pages_results()
    {
        fake.Respond(
            "SimulatePrincipalPolicy",
            SimulatePrincipalPolicy("next", ("sts:AssumeRole", CargoRoleArn, "allowed")),
            SimulatePrincipalPolicy(null, ("sts:TagSession", CargoRoleArn, "implicitDeny")));

        var results = await clients.Iam.SimulatePrincipalPolicyAsync(
            CustomerRoleArn, ["sts:AssumeRole", "sts:TagSession"], [CargoRoleArn], TestContext.Current.CancellationToken);

        Assert.Collection(
            results,
            r => Assert.Equal("allowed:cargo-assume", $"{r.Decision}:{string.Join(",", r.MatchedPolicyIds)}"),
            r => Assert.Equal("implicitDeny", r.Decision));
        var first = fake.RequestsFor("SimulatePrincipalPolicy").First().Form;
        Assert.Equal(CustomerRoleArn, first["PolicySourceArn"]);
        Assert.Equal("sts:AssumeRole", first["ActionNames.member.1"]);
        Assert.Equal("sts:TagSession", first["ActionNames.member.2"]);
        Assert.Equal(CargoRoleArn, first["ResourceArns.member.1"]);
    }

    [Fact]
    public async Task NoSuchEntity_is_reported_as_not_found()
    {
        fake.Respond("GetRole", QueryError(404, "NoSuchEntity", "The role with name x cannot be found."));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Iam.GetRoleAsync("x", TestContext.Current.CancellationToken));

        Assert.True(error.IsNotFound);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("iam:GetRole", error.IamAction);
    }
}

using Cargo.Doctor.AwsApi.Clients;

namespace Cargo.Doctor.Tests.Aws;

[Trait("Category", "Aws")]
public sealed class AwsEndpointResolverTests
{
    private static readonly AwsClientOptions Options = new("eu-west-1");

    [Fact]
    public void Defaults_to_public_endpoints_with_iam_global()
    {
        var resolver = new AwsEndpointResolver(_ => null);

        Assert.Equal("https://iam.amazonaws.com/", resolver.Resolve(AwsService.Iam, Options).ToString());
        Assert.Equal("https://redshift.eu-west-1.amazonaws.com/", resolver.Resolve(AwsService.Redshift, Options).ToString());
        Assert.Equal("https://redshift-serverless.eu-west-1.amazonaws.com/", resolver.Resolve(AwsService.RedshiftServerless, Options).ToString());
        Assert.Null(resolver.ResolveOverride(AwsService.Ec2, Options));
        Assert.Equal("us-east-1", AwsService.Iam.SigningRegion("eu-west-1"));
    }

    [Fact]
    public void Service_specific_variable_wins_over_the_global_one()
    {
        var env = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://localhost:4566",
            ["AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS"] = "http://localhost:9999",
        };
        var resolver = new AwsEndpointResolver(env.GetValueOrDefault);

        Assert.Equal("http://localhost:9999/", resolver.Resolve(AwsService.RedshiftServerless, Options).ToString());
        Assert.Equal("http://localhost:4566/", resolver.Resolve(AwsService.Iam, Options).ToString());
        Assert.Equal("http://localhost:4566/", resolver.ResolveOverride(AwsService.Ec2, Options)!.ToString());
    }

    [Fact]
    public void Explicit_override_wins_over_environment()
    {
        var resolver = new AwsEndpointResolver(_ => "http://localhost:4566");

        var endpoint = resolver.Resolve(AwsService.Redshift, Options with { EndpointOverride = new Uri("http://127.0.0.1:1234/") });

        Assert.Equal("http://127.0.0.1:1234/", endpoint.ToString());
    }

    [Fact]
    public async Task Ec2_client_uses_the_environment_endpoint()
    {
        using var fake = new FakeAwsEndpoint();
        fake.Respond("DescribeSecurityGroups", FakeAwsResponses.DescribeSecurityGroups(null, FakeAwsResponses.SecurityGroup("sg-1")));
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_EC2"] = fake.Url.ToString() };
        using var clients = AwsClients.Create(fake.ClientOptions() with { EndpointOverride = null }, new AwsEndpointResolver(env.GetValueOrDefault));

        var groups = await clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], TestContext.Current.CancellationToken);

        Assert.Single(groups);
    }
}

using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Cargo.Doctor.AwsApi.Clients;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

[Trait("Category", "Aws")]
public sealed class AwsCallFailureTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task Query_AccessDenied_carries_the_iam_action_and_status()
    {
        using var clients = fake.CreateClients();
        fake.Respond("GetRole", QueryAccessDenied("iam:GetRole"));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Iam.GetRoleAsync(CustomerRoleName, TestContext.Current.CancellationToken));

        Assert.True(error.IsAccessDenied);
        Assert.False(error.IsThrottling);
        Assert.Equal(("iam", "GetRole", "iam:GetRole", 403, "AccessDenied"),
            (error.Service, error.Operation, error.IamAction, error.HttpStatus, error.ErrorCode));
        Assert.StartsWith("iam:GetRole failed: AccessDenied: User: arn:aws:sts::", error.Message);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Query_throttling_is_retried_then_succeeds()
    {
        var delays = new List<TimeSpan>();
        using var clients = AwsClients.Create(fake.ClientOptions() with { RetryDelay = (d, _) => { delays.Add(d); return Task.CompletedTask; } });
        fake.Respond("DescribeClusters", QueryThrottling(), QueryError(503, "ServiceUnavailable", "busy"), DescribeClusters(null, Cluster()));

        var clusters = await clients.Redshift.DescribeClustersAsync("cargo-cluster", TestContext.Current.CancellationToken);

        Assert.Single(clusters);
        Assert.Equal(3, fake.Requests.Count);
        Assert.Equal(2, delays.Count);
        Assert.All(delays, d => Assert.True(d > TimeSpan.Zero));
    }

    [Fact]
    public async Task Json_throttling_is_retried_then_succeeds()
    {
        using var clients = fake.CreateClients();
        fake.Respond("GetWorkgroup", JsonThrottling(), GetWorkgroup());

        var workgroup = await clients.RedshiftServerless.GetWorkgroupAsync("cargo-wg", TestContext.Current.CancellationToken);

        Assert.Equal("cargo-wg", workgroup.WorkgroupName);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Persistent_throttling_gives_up_after_max_attempts()
    {
        using var clients = fake.CreateClients();
        fake.Respond("GetRole", QueryError(400, "Throttling", "Rate exceeded"));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Iam.GetRoleAsync(CustomerRoleName, TestContext.Current.CancellationToken));

        Assert.True(error.IsThrottling);
        Assert.Equal(AwsRetryPolicy.DefaultMaxAttempts, fake.Requests.Count);
    }

    [Fact]
    public async Task Access_denied_is_not_retried()
    {
        using var clients = fake.CreateClients();
        fake.Respond("GetNamespace", JsonError(400, "AccessDeniedException", "no"));

        await Assert.ThrowsAsync<AwsCallException>(
            () => clients.RedshiftServerless.GetNamespaceAsync("ns", TestContext.Current.CancellationToken));

        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Unreachable_endpoint_is_a_one_line_AwsCallException_for_every_client()
    {
        var closedPort = ClosedLoopbackPort();
        using var clients = AwsClients.Create(fake.ClientOptions() with { EndpointOverride = new Uri($"http://127.0.0.1:{closedPort}/") });
        var ct = TestContext.Current.CancellationToken;

        AwsCallException[] errors =
        [
            await Assert.ThrowsAsync<AwsCallException>(() => clients.Iam.GetRoleAsync("r", ct)),
            await Assert.ThrowsAsync<AwsCallException>(() => clients.Redshift.DescribeClustersAsync("c", ct)),
            await Assert.ThrowsAsync<AwsCallException>(() => clients.RedshiftServerless.GetWorkgroupAsync("w", ct)),
            await Assert.ThrowsAsync<AwsCallException>(() => clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], ct)),
        ];

        Assert.All(errors, e =>
        {
            Assert.Equal(AwsCallException.EndpointUnreachableCode, e.ErrorCode);
            Assert.True(e.IsEndpointUnreachable);
            Assert.Null(e.HttpStatus);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Contains($"127.0.0.1:{closedPort}", e.Message);
        });
        Assert.Equal(["iam:GetRole", "redshift:DescribeClusters", "redshift-serverless:GetWorkgroup", "ec2:DescribeSecurityGroups"],
            errors.Select(e => e.IamAction));
    }

    [Fact]
    public async Task Missing_profile_is_NoCredentials()
    {
        var profile = "cargo-doctor-missing-" + Guid.NewGuid().ToString("N");
        using var clients = AwsClients.Create(new AwsClientOptions("eu-west-1", profile, fake.Url, RetryDelay: (_, _) => Task.CompletedTask));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Iam.GetRoleAsync("r", TestContext.Current.CancellationToken));
        var ec2Error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], TestContext.Current.CancellationToken));

        Assert.True(error.IsNoCredentials);
        Assert.True(ec2Error.IsNoCredentials);
        Assert.Contains(profile, error.Message);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Secrets_never_appear_in_exception_messages()
    {
        const string token = "FwoGZXIvYXdzEFakeSessionTokenThatMustNotLeak";
        using var clients = AwsClients.Create(fake.ClientOptions() with
        {
            Credentials = new SessionAWSCredentials(FakeAwsEndpoint.AccessKey, FakeAwsEndpoint.SecretKey, token),
        });
        // A hostile or buggy endpoint echoing credentials back must not leak them into our messages.
        fake.Respond("GetRole", QueryError(403, "AccessDenied", $"echo {FakeAwsEndpoint.SecretKey} {token}"))
            .Respond("GetNamespace", JsonError(400, "AccessDeniedException", $"echo {FakeAwsEndpoint.SecretKey} {token}"));
        var ct = TestContext.Current.CancellationToken;

        AwsCallException[] errors =
        [
            await Assert.ThrowsAsync<AwsCallException>(() => clients.Iam.GetRoleAsync("r", ct)),
            await Assert.ThrowsAsync<AwsCallException>(() => clients.RedshiftServerless.GetNamespaceAsync("n", ct)),
            await Assert.ThrowsAsync<AwsCallException>(() => clients.Redshift.DescribeClustersAsync("c", ct)),
        ];

        Assert.All(errors, e =>
        {
            Assert.DoesNotContain(FakeAwsEndpoint.SecretKey, e.ToString());
            Assert.DoesNotContain(token, e.ToString());
        });
        Assert.Contains("[redacted]", errors[0].Message);
    }

    [Fact]
    public async Task Request_signed_with_the_wrong_secret_is_rejected_by_the_fake()
    {
        using var clients = AwsClients.Create(fake.ClientOptions() with
        {
            Credentials = new BasicAWSCredentials(FakeAwsEndpoint.AccessKey, "not-the-right-secret"),
        });
        fake.Respond("GetRole", GetRole("r", CustomerRoleArn, "{}"));

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Iam.GetRoleAsync("r", TestContext.Current.CancellationToken));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Single(fake.SigningProblems);
    }

    private static int ClosedLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

using Cargo.Doctor.AwsApi.Clients;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Issue 8.11: retries follow the SDKs' standard mode (botocore retries/standard.py, data/_retry.json;
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html). The fake answers in each
/// protocol's documented error shape; no test sleeps (the delay is injected and recorded).
/// </summary>
[Trait("Category", "Aws")]
public sealed class AwsStandardRetryTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly List<TimeSpan> delays = [];

    public void Dispose() => fake.Dispose();

    public static TheoryData<string, int> ThrottlingCodes => new()
    {
        { "Throttling", 400 }, { "ThrottlingException", 400 }, { "ThrottledException", 400 },
        { "RequestThrottledException", 400 }, { "TooManyRequestsException", 400 }, { "RequestThrottled", 400 },
        { "RequestLimitExceeded", 503 }, { "EC2ThrottledException", 400 }, { "SlowDown", 503 },
        { "BandwidthLimitExceeded", 400 }, { "LimitExceededException", 400 }, { "PriorRequestNotComplete", 400 },
    };

    [Theory]
    [MemberData(nameof(ThrottlingCodes))]
    public async Task Query_throttling_code_is_retried(string code, int status)
    {
        using var clients = Clients();
        fake.Respond("GetRole", QueryError(status, code, "Rate exceeded"), GetRole(CustomerRoleName, CustomerRoleArn, "{}"));

        await clients.Iam.GetRoleAsync(CustomerRoleName, TestContext.Current.CancellationToken);

        Assert.Equal(2, fake.RequestsFor("GetRole").Count());
        Assert.Single(delays);
    }

    [Theory]
    [MemberData(nameof(ThrottlingCodes))]
    public async Task Ec2_throttling_code_is_retried(string code, int status)
    {
        using var clients = Clients();
        fake.Respond("DescribeSecurityGroups", Ec2Error(status, code, "Request limit exceeded."), DescribeSecurityGroups(null, SecurityGroup("sg-1")));

        await clients.Ec2.DescribeSecurityGroupsAsync(["sg-1"], TestContext.Current.CancellationToken);

        Assert.Equal(2, fake.RequestsFor("DescribeSecurityGroups").Count());
        Assert.Single(delays);
    }

    [Theory]
    [MemberData(nameof(ThrottlingCodes))]
    public async Task Json_throttling_code_is_retried(string code, int status)
    {
        using var clients = Clients();
        fake.Respond("GetNamespace", JsonError(status, $"com.amazonaws.redshiftserverless#{code}", "Rate exceeded"), GetNamespace());

        await clients.RedshiftServerless.GetNamespaceAsync("cargo-ns", TestContext.Current.CancellationToken);

        Assert.Equal(2, fake.RequestsFor("GetNamespace").Count());
    }

    [Fact]
    public async Task Json_throttling_named_only_in_the_x_amzn_ErrorType_header_is_retried()
    {
        using var clients = Clients();
        var headerOnly = FakeAwsResponse.Json("{}", 400) with
        {
            Headers = new Dictionary<string, string> { ["x-amzn-ErrorType"] = "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/" },
        };
        fake.Respond("GetWorkgroup", headerOnly, GetWorkgroup());

        await clients.RedshiftServerless.GetWorkgroupAsync("cargo-wg", TestContext.Current.CancellationToken);

        Assert.Equal(2, fake.RequestsFor("GetWorkgroup").Count());
    }

    [Theory]
    [InlineData(500, "InternalFailure")]
    [InlineData(502, "BadGateway")]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(504, "GatewayTimeout")]
    [InlineData(400, "RequestTimeout")]
    [InlineData(400, "RequestTimeoutException")]
    public async Task Transient_errors_are_retried(int status, string code)
    {
        using var clients = Clients();
        fake.Respond("DescribeClusters", QueryError(status, code, "try again", "Receiver"), DescribeClusters(null, Cluster()));

        await clients.Redshift.DescribeClustersAsync("cargo-cluster", TestContext.Current.CancellationToken);

        Assert.Equal(2, fake.RequestsFor("DescribeClusters").Count());
    }

    [Theory]
    [InlineData(400, "ValidationError")]
    [InlineData(403, "AccessDenied")]
    [InlineData(404, "NoSuchEntity")]
    [InlineData(400, "InvalidClientTokenId")]
    public async Task Client_errors_are_not_retried(int status, string code)
    {
        using var clients = Clients();
        fake.Respond("GetRole", QueryError(status, code, "no"));

        await Assert.ThrowsAsync<AwsCallException>(() => clients.Iam.GetRoleAsync(CustomerRoleName, TestContext.Current.CancellationToken));

        Assert.Single(fake.RequestsFor("GetRole"));
        Assert.Empty(delays);
    }

    [Fact]
    public async Task Persistent_throttling_makes_three_attempts_with_capped_exponential_backoff()
    {
        using var clients = Clients();
        fake.Respond("GetWorkgroup", JsonThrottling());

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.RedshiftServerless.GetWorkgroupAsync("cargo-wg", TestContext.Current.CancellationToken));

        Assert.True(error.IsThrottling);
        Assert.Equal(3, fake.RequestsFor("GetWorkgroup").Count());
        Assert.Equal(2, delays.Count);
        Assert.InRange(delays[0], TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.InRange(delays[1], TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Backoff_is_random_times_two_to_the_attempt_capped_at_twenty_seconds()
    {
        var policy = new AwsRetryPolicy(10, (_, _) => Task.CompletedTask, random: () => 1.0);
        var half = new AwsRetryPolicy(10, (_, _) => Task.CompletedTask, random: () => 0.5);

        Assert.Equal([1, 2, 4, 8, 16, 20, 20], Enumerable.Range(1, 7).Select(a => policy.BackoffFor(a).TotalSeconds));
        Assert.Equal(0.5, half.BackoffFor(1).TotalSeconds);
        Assert.Equal(TimeSpan.Zero, new AwsRetryPolicy(3, null, random: () => 0.0).BackoffFor(3));
    }

    [Fact]
    public async Task A_refused_connection_is_retried()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var clients = AwsClients.Create(fake.ClientOptions() with
        {
            EndpointOverride = new Uri($"http://127.0.0.1:{closedPort}/"),
            RetryDelay = (d, _) =>
            {
                delays.Add(d);
                return Task.CompletedTask;
            },
        });

        var error = await Assert.ThrowsAsync<AwsCallException>(
            () => clients.Redshift.DescribeClustersAsync("cargo-cluster", TestContext.Current.CancellationToken));

        Assert.Equal(AwsCallException.EndpointUnreachableCode, error.ErrorCode);
        Assert.Equal(2, delays.Count);
    }

    [Theory]
    [InlineData(null, AwsCallException.TimeoutCode, true)]
    [InlineData(null, AwsCallException.ConnectionDroppedCode, true)]
    [InlineData(null, AwsCallException.EndpointUnreachableCode, true)]
    [InlineData(429, "Http429", true)]
    [InlineData(null, AwsCallException.NoCredentialsCode, false)]
    [InlineData(200, AwsCallException.MalformedResponseCode, false)]
    [InlineData(400, "ValidationError", false)]
    public void What_standard_mode_retries(int? status, string code, bool retryable)
    {
        var error = new AwsCallException("redshift", "DescribeClusters", "redshift:DescribeClusters", status, code, "x");

        Assert.Equal(retryable, error.IsRetryable);
    }

    [Fact]
    public void Retry_quota_pays_five_per_retry_ten_per_timeout_and_refills_on_success()
    {
        var quota = new AwsRetryQuota();
        var throttled = new AwsCallException("iam", "GetRole", "iam:GetRole", 400, "Throttling", "slow down");
        var timedOut = new AwsCallException("iam", "GetRole", "iam:GetRole", null, AwsCallException.TimeoutCode, "no answer");

        Assert.Equal(5, quota.TryAcquire(throttled));
        Assert.Equal(10, quota.TryAcquire(timedOut));
        Assert.Equal(AwsRetryQuota.InitialCapacity - 15, quota.Available);
        quota.ReleaseAfterSuccess(10);
        quota.ReleaseAfterSuccess(null);
        Assert.Equal(AwsRetryQuota.InitialCapacity - 4, quota.Available);

        while (quota.TryAcquire(throttled) is not null)
        {
        }

        Assert.InRange(quota.Available, 0, 4);
    }

    [Fact]
    public async Task An_empty_retry_quota_stops_retrying()
    {
        var quota = new AwsRetryQuota();
        var throttled = new AwsCallException("iam", "GetRole", "iam:GetRole", 400, "Throttling", "slow down");
        while (quota.TryAcquire(throttled) is not null)
        {
        }

        var calls = 0;
        var policy = new AwsRetryPolicy(3, (_, _) => Task.CompletedTask, quota);

        await Assert.ThrowsAsync<AwsCallException>(() => policy.ExecuteAsync<int>(
            _ => { calls++; throw throttled; }, TestContext.Current.CancellationToken));

        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData(null, null, 3)]
    [InlineData(null, "5", 5)]
    [InlineData(2, "5", 2)]
    [InlineData(null, "1", 1)]
    public void Max_attempts_come_from_the_option_then_AWS_MAX_ATTEMPTS_then_three(int? option, string? env, int expected)
    {
        var options = new AwsClientOptions("eu-west-1", MaxAttempts: option);

        Assert.Equal(expected, AwsMaxAttempts.Resolve(options, name => name == "AWS_MAX_ATTEMPTS" ? env : null));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("three")]
    [InlineData("-1")]
    public void A_bad_AWS_MAX_ATTEMPTS_is_a_one_line_error(string env)
    {
        var error = Assert.Throws<ArgumentException>(() => AwsMaxAttempts.Resolve(new AwsClientOptions("eu-west-1"), _ => env));

        Assert.Contains("AWS_MAX_ATTEMPTS", error.Message);
    }

    private AwsClients Clients() => AwsClients.Create(fake.ClientOptions() with
    {
        RetryDelay = (d, _) =>
        {
            delays.Add(d);
            return Task.CompletedTask;
        },
    });
}

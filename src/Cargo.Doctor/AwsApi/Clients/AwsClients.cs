namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>The AWS clients, sharing one HTTP connection pool, one credential resolution and one retry quota.</summary>
public sealed class AwsClients : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient http;

    private AwsClients(HttpClient http, IamClient iam, RedshiftClient redshift, RedshiftServerlessClient serverless, Ec2Client ec2, StsClient sts)
    {
        this.http = http;
        Iam = iam;
        Redshift = redshift;
        RedshiftServerless = serverless;
        Ec2 = ec2;
        Sts = sts;
    }

    public IamClient Iam { get; }

    public RedshiftClient Redshift { get; }

    public RedshiftServerlessClient RedshiftServerless { get; }

    public Ec2Client Ec2 { get; }

    public StsClient Sts { get; }

    public static AwsClients Create(AwsClientOptions options) =>
        Create(options, AwsEndpointResolver.FromProcessEnvironment());

    /// <param name="maxBodyBytes">The response body cap (default 256 MB); a test sets a small one.</param>
    internal static AwsClients Create(
        AwsClientOptions options, AwsEndpointResolver endpoints, Func<string, string?>? readEnvironment = null, long? maxBodyBytes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region);

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var http = new HttpClient(handler) { Timeout = options.EffectiveRequestTimeout };
        var credentials = new AwsCredentialSource(options);
        var maxAttempts = AwsMaxAttempts.Resolve(options, readEnvironment ?? Environment.GetEnvironmentVariable);
        var retryQuota = new AwsRetryQuota();
        var signed = new SignedAwsHttpClient(http, credentials, endpoints, options, maxAttempts, retryQuota) { MaxBodyBytes = maxBodyBytes ?? Files.BoundedRead.MaxBytes };
        var sdkBodyCap = new SdkBodyCap(maxBodyBytes ?? Files.BoundedRead.MaxBytes);

        return new AwsClients(
            http,
            new IamClient(signed),
            new RedshiftClient(signed),
            new RedshiftServerlessClient(signed),
            new Ec2Client(credentials, endpoints, options, maxAttempts, retryQuota, sdkBodyCap),
            new StsClient(credentials, endpoints, options, maxAttempts, retryQuota, sdkBodyCap));
    }

    public void Dispose()
    {
        Ec2.Dispose();
        Sts.Dispose();
        http.Dispose();
    }
}

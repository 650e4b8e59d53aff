namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// The clients of <c>cargo-doctor vendor</c>, run with Cargo's credentials: IAM (Cargo's role), STS (the caller's
/// account), S3 (the bucket) and KMS (the bucket key). Same credentials, retry quota and body cap as <see cref="AwsClients"/>.
/// </summary>
public sealed class VendorAwsClients : IDisposable
{
    private readonly HttpClient http;

    private VendorAwsClients(HttpClient http, IamClient iam, StsClient sts, S3Client s3, KmsClient kms)
    {
        this.http = http;
        Iam = iam;
        Sts = sts;
        S3 = s3;
        Kms = kms;
    }

    public IamClient Iam { get; }

    public StsClient Sts { get; }

    public S3Client S3 { get; }

    public KmsClient Kms { get; }

    public static VendorAwsClients Create(AwsClientOptions options) => Create(options, AwsEndpointResolver.FromProcessEnvironment());

    internal static VendorAwsClients Create(AwsClientOptions options, AwsEndpointResolver endpoints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region);
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(handler) { Timeout = options.EffectiveRequestTimeout };
        var credentials = new AwsCredentialSource(options);
        var maxAttempts = AwsMaxAttempts.Resolve(options, Environment.GetEnvironmentVariable);
        var quota = new AwsRetryQuota();
        var signed = new SignedAwsHttpClient(http, credentials, endpoints, options, maxAttempts, quota) { MaxBodyBytes = Files.BoundedRead.MaxBytes };
        var cap = new SdkBodyCap(Files.BoundedRead.MaxBytes);
        return new VendorAwsClients(
            http,
            new IamClient(signed),
            new StsClient(credentials, endpoints, options, maxAttempts, quota, cap),
            new S3Client(credentials, endpoints, options, maxAttempts, quota, cap),
            new KmsClient(credentials, endpoints, options, maxAttempts, quota, cap));
    }

    public void Dispose()
    {
        S3.Dispose();
        Kms.Dispose();
        Sts.Dispose();
        http.Dispose();
    }
}

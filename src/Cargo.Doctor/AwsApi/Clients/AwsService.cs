using Cargo.Doctor.AwsApi.Partitions;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>What we need to know to call one AWS service.</summary>
/// <param name="SigningName">SigV4 service name and IAM action prefix.</param>
/// <param name="EndpointEnvironmentSuffix">Suffix of the SDK's per-service AWS_ENDPOINT_URL_* variable.</param>
/// <param name="EndpointPrefix">First label of the regional host, <c>{prefix}.{region}.{partition DNS suffix}</c>.</param>
/// <param name="IsGlobal">One endpoint per partition (IAM), not one per region: see <see cref="IamEndpoint"/>.</param>
internal sealed record AwsService(
    string SigningName,
    string EndpointEnvironmentSuffix,
    string EndpointPrefix,
    bool IsGlobal = false)
{
    public static readonly AwsService Iam = new("iam", "IAM", "iam", IsGlobal: true);
    public static readonly AwsService Redshift = new("redshift", "REDSHIFT", "redshift");
    public static readonly AwsService RedshiftServerless = new("redshift-serverless", "REDSHIFT_SERVERLESS", "redshift-serverless");
    public static readonly AwsService Ec2 = new("ec2", "EC2", "ec2");

    /// <summary>Regional STS endpoints (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html).</summary>
    public static readonly AwsService Sts = new("sts", "STS", "sts");

    /// <summary>Cargo's bucket (cargo-doctor vendor): https://docs.aws.amazon.com/general/latest/gr/s3.html.</summary>
    public static readonly AwsService S3 = new("s3", "S3", "s3");

    /// <summary>Cargo's bucket key (cargo-doctor vendor): https://docs.aws.amazon.com/general/latest/gr/kms.html.</summary>
    public static readonly AwsService Kms = new("kms", "KMS", "kms");

    /// <summary>The public endpoint host in the region's partition, e.g. <c>redshift.cn-north-1.amazonaws.com.cn</c>.</summary>
    public string Host(string configuredRegion)
    {
        var partition = AwsPartition.ForRegion(configuredRegion);
        return IsGlobal ? partition.Iam.Host : partition.RegionalHost(EndpointPrefix, configuredRegion);
    }

    /// <summary>SigV4 region: the partition's IAM region for IAM (also behind an endpoint override), else the configured one.</summary>
    public string SigningRegion(string configuredRegion) =>
        IsGlobal ? AwsPartition.ForRegion(configuredRegion).Iam.SigningRegion : configuredRegion;

    public string IamAction(string operation) => $"{SigningName}:{operation}";
}

namespace Cargo.Doctor.Aws;

/// <summary>What we need to know to call one AWS service.</summary>
/// <param name="SigningName">SigV4 service name and IAM action prefix.</param>
/// <param name="EndpointEnvironmentSuffix">Suffix of the SDK's per-service AWS_ENDPOINT_URL_* variable.</param>
/// <param name="GlobalHost">Host of a global (region-less) endpoint, signed for us-east-1.</param>
/// <param name="RegionalHostFormat">Host with <c>{0}</c> for the region.</param>
internal sealed record AwsService(
    string SigningName,
    string EndpointEnvironmentSuffix,
    string? GlobalHost,
    string? RegionalHostFormat)
{
    public static readonly AwsService Iam = new("iam", "IAM", "iam.amazonaws.com", null);
    public static readonly AwsService Redshift = new("redshift", "REDSHIFT", null, "redshift.{0}.amazonaws.com");
    public static readonly AwsService RedshiftServerless =
        new("redshift-serverless", "REDSHIFT_SERVERLESS", null, "redshift-serverless.{0}.amazonaws.com");
    public static readonly AwsService Ec2 = new("ec2", "EC2", null, "ec2.{0}.amazonaws.com");

    public bool IsGlobal => GlobalHost is not null;

    public string SigningRegion(string configuredRegion) => IsGlobal ? "us-east-1" : configuredRegion;

    public string IamAction(string operation) => $"{SigningName}:{operation}";
}

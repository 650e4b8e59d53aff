namespace Cargo.Doctor.AwsApi.Partitions;

/// <summary>
/// IAM is one endpoint per partition, signed for one region. The table mirrors IAM's endpoint rule set
/// (https://github.com/boto/botocore/blob/develop/botocore/data/iam/2010-05-08/endpoint-rule-set-1.json;
/// AWSSDK.IdentityManagement carries the same rules, but the doctor does not reference that package) and
/// the documented endpoints: https://docs.aws.amazon.com/general/latest/gr/iam-service.html (aws:
/// iam.amazonaws.com signed for us-east-1; aws-us-gov: iam.us-gov.amazonaws.com, us-gov-west-1) and
/// https://docs.amazonaws.cn/en_us/general/latest/gr/rande.html (aws-cn: iam.cn-north-1.amazonaws.com.cn,
/// cn-north-1). Any other partition follows the rule set's default: iam.{global region}.{dns suffix}.
/// </summary>
public sealed record IamEndpoint(string Host, string SigningRegion)
{
    public static IamEndpoint For(AwsPartition partition) => partition.Name switch
    {
        "aws" => new("iam.amazonaws.com", "us-east-1"),
        "aws-cn" => new("iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        "aws-us-gov" => new("iam.us-gov.amazonaws.com", "us-gov-west-1"),
        _ => new($"iam.{partition.ImplicitGlobalRegion}.{partition.DnsSuffix}", partition.ImplicitGlobalRegion),
    };
}

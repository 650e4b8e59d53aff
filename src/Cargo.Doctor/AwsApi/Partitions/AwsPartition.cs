using Amazon;
using SdkPartitions = Amazon.Runtime.Internal.Endpoints.StandardLibrary.Fn;

namespace Cargo.Doctor.AwsApi.Partitions;

/// <summary>
/// The AWS partition of a region (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, ...) as AWSSDK.Core's own
/// partition data (its copy of the SDKs' partitions.json) says. The partition is the second field of every
/// ARN (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html) and gives the DNS suffix of
/// every regional endpoint (<c>amazonaws.com.cn</c> in China:
/// https://docs.amazonaws.cn/en_us/general/latest/gr/rande.html).
/// An unknown region falls into <c>aws</c>, as it does in the SDK.
/// </summary>
/// <param name="ImplicitGlobalRegion">Where the partition's global services live and are signed.</param>
public sealed record AwsPartition(string Name, string DnsSuffix, string ImplicitGlobalRegion)
{
    public static AwsPartition ForRegion(string region)
    {
        var endpoint = RegionEndpoint.GetBySystemName(region);
        var data = SdkPartitions.Partition(region);
        return new AwsPartition(
            endpoint.PartitionName ?? data.name,
            endpoint.PartitionDnsSuffix ?? data.dnsSuffix,
            data.implicitGlobalRegion ?? region);
    }

    /// <summary>IAM's endpoint and SigV4 signing region in this partition (see <see cref="IamEndpoint"/>).</summary>
    public IamEndpoint Iam => IamEndpoint.For(this);

    /// <summary><c>arn:partition:service:region:account:resource</c>.</summary>
    public string Arn(string service, string region, string account, string resource) =>
        $"arn:{Name}:{service}:{region}:{account}:{resource}";

    /// <summary>The standard regional endpoint host, e.g. <c>redshift.cn-north-1.amazonaws.com.cn</c>.</summary>
    public string RegionalHost(string endpointPrefix, string region) => $"{endpointPrefix}.{region}.{DnsSuffix}";
}

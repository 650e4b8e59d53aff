using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// Whether COPY and UNLOAD go through an S3 interface endpoint of the VPC. Enhanced VPC routing uses the VPC's DNS
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html), and an S3 interface endpoint is reached
/// through DNS, not routes: "With private DNS names enabled, Regional S3 DNS queries resolve to the private IP addresses of
/// AWS PrivateLink", unless "Enable private DNS only for inbound endpoints" (PrivateDnsOnlyForInboundResolverEndpoint) is
/// set, when in-VPC requests use the S3 gateway endpoint
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns). With private
/// DNS off, only the endpoint-specific names (vpce-...s3.region.vpce.amazonaws.com) reach it, and no page says Redshift uses them.
/// </summary>
internal static class S3InterfaceEndpoint
{
    public enum Use
    {
        /// <summary>Private DNS for every request: the S3 names resolve to the endpoint, whose policy decides.</summary>
        Used,

        /// <summary>Private DNS off, or for inbound resolver endpoints only: in-VPC requests go elsewhere.</summary>
        NotUsed,

        /// <summary>Private DNS on, and AWS did not say whether for inbound resolver endpoints only.</summary>
        NotKnown,
    }

    public sealed record Decision(Use Use, VpcEndpointFacts Endpoint, string Text);

    /// <summary>The decision for the available S3 interface endpoint of <paramref name="region"/> in the VPC; null when there is none.</summary>
    public static Decision? For(IReadOnlyList<VpcEndpointFacts> endpoints, string region)
    {
        var service = $"com.amazonaws.{region}.s3";
        var candidates = endpoints.Where(e => string.Equals(e.Type, "Interface", StringComparison.OrdinalIgnoreCase) && e.ServiceName == service
            && (e.State is null || string.Equals(e.State, "available", StringComparison.OrdinalIgnoreCase))).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var name = $"s3.{region}.amazonaws.com";
        if (candidates.FirstOrDefault(e => e.PrivateDnsEnabled) is not { } dns)
        {
            return new(Use.NotUsed, candidates[0], $"S3 interface endpoint {candidates[0].VpcEndpointId} has private DNS off, so {name} does not resolve to it in the VPC");
        }

        return dns.PrivateDnsOnlyForInboundResolverEndpoint switch
        {
            false => new(Use.Used, dns, $"S3 interface endpoint {dns.VpcEndpointId} has private DNS on for every request, so {name} resolves to it in the VPC"),
            true => new(Use.NotUsed, dns, $"S3 interface endpoint {dns.VpcEndpointId} has private DNS for inbound resolver endpoints only, so requests from the VPC use the S3 gateway endpoint"),
            null => new(Use.NotKnown, dns,
                $"S3 interface endpoint {dns.VpcEndpointId} has private DNS on, but AWS did not say whether only for inbound resolver endpoints "
                + $"(DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint); if not, COPY/UNLOAD go through it and its policy must allow the bucket: "
                + $"check aws ec2 describe-vpc-endpoints --vpc-endpoint-ids {dns.VpcEndpointId}"),
        };
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// The fake EC2's own reading of a CidrIp / CidrIpv6 value, written from the pages and independent of
/// the doctor's <c>Cidr</c>: a range is an address and a prefix length ("To specify a single IPv4
/// address, use the /32 prefix length", "... a single IPv6 address, use the /128 prefix length":
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Ipv6Range.html), and "Amazon Web Services
/// canonicalizes IPv4 and IPv6 CIDRs. For example, if you specify 100.68.0.18/18 for the CIDR block,
/// Amazon Web Services canonicalizes the CIDR block to 100.68.0.0/18"
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html).
/// </summary>
public static class FakeEc2Cidr
{
    /// <summary>The canonical form (host bits cleared), or null when <paramref name="text"/> is no CIDR of the family.</summary>
    public static string? Canonical(string text, AddressFamily family)
    {
        var parts = text.Split('/');
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        if (parts.Length != 2
            || !IPAddress.TryParse(parts[0], out var address)
            || address.AddressFamily != family
            || (family == AddressFamily.InterNetwork && parts[0].Split('.').Length != 4)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > bits)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return $"{new IPAddress(bytes)}/{prefix.ToString(CultureInfo.InvariantCulture)}";
    }
}

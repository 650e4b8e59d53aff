using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cargo.Doctor.Network;

/// <summary>An IPv4 or IPv6 network (address plus prefix length); a bare address is a /32 or /128.</summary>
public sealed record Cidr(IPAddress Network, int PrefixLength)
{
    public bool IsIpv6 => Network.AddressFamily == AddressFamily.InterNetworkV6;

    public const string Expected = "is not an IP address or CIDR (e.g. 203.0.113.7 or 203.0.113.0/24)";

    /// <summary>Parses <c>203.0.113.7</c>, <c>203.0.113.0/24</c>, <c>2001:db8::/32</c> (<see cref="IpAddressText"/> rules, a prefix without leading zeros); for user input use <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not an IP address or CIDR.</exception>
    public static Cidr Parse(string text, string what = "Cargo IP")
    {
        return TryParse(text, out var cidr)
            ? cidr
            : throw new FormatException($"{what} '{text}' {Expected}");
    }

    public static bool TryParse(string? text, out Cidr cidr)
    {
        cidr = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/');
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!IpAddressText.TryParse(addressText, out var address))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        var prefixText = slash < 0 ? null : trimmed[(slash + 1)..];
        if (prefixText is not null && (prefixText.Length is 0 or > 3 || (prefixText.Length > 1 && prefixText[0] == '0')
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max))
        {
            return false;
        }

        cidr = new Cidr(Mask(address, prefix), prefix);
        return true;
    }

    /// <summary>True when every address of <paramref name="other"/> is in this network (same family only).</summary>
    public bool Contains(Cidr other) =>
        other.Network.AddressFamily == Network.AddressFamily
        && other.PrefixLength >= PrefixLength
        && Mask(other.Network, PrefixLength).Equals(Network);

    public bool Contains(IPAddress address)
    {
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Contains(new Cidr(ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
    }

    public override string ToString() => $"{Network}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}

using System.Net;

namespace Cargo.Doctor.Network;

/// <summary>Address ranges Cargo cannot reach from the internet (RFC 1918, CGNAT, loopback, link-local, ULA).</summary>
public static class PrivateAddresses
{
    private static readonly Cidr[] Ranges =
    [
        .. new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "::1/128", "fc00::/7", "fe80::/10" }
            .Select(text => Cidr.Parse(text)),
    ];

    private static readonly Cidr[] Loopback = [Cidr.Parse("127.0.0.0/8"), Cidr.Parse("::1/128")];

    public static bool IsPrivate(string address) =>
        IPAddress.TryParse(address, out var ip) && Ranges.Any(range => range.Contains(ip));

    /// <summary>This machine: what an SSH tunnel or a local proxy listens on.</summary>
    public static bool IsLoopback(string address) =>
        IPAddress.TryParse(address, out var ip) && Loopback.Any(range => range.Contains(ip));

    /// <summary>True when the text is an address at all (a redacted facts file holds tokens instead).</summary>
    public static bool IsAddress(string address) => IPAddress.TryParse(address, out _);
}

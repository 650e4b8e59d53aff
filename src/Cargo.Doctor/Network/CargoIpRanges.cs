using System.Globalization;

namespace Cargo.Doctor.Network;

/// <summary>
/// What a <c>--cargo-ip</c> may be: an address or a CIDR no wider than /16 (IPv4) or /48 (IPv6). A wider
/// range would have the fix script open the warehouse port to a large part of the internet, so it is a
/// usage error unless <c>--allow-wide-cidr</c> is given; then it is accepted with a warning.
/// </summary>
public static class CargoIpRanges
{
    public const int WidestIpv4Prefix = 16;

    public const int WidestIpv6Prefix = 48;

    public static bool IsWide(Cidr cidr) => cidr.PrefixLength < (cidr.IsIpv6 ? WidestIpv6Prefix : WidestIpv4Prefix);

    public static int Limit(Cidr cidr) => cidr.IsIpv6 ? WidestIpv6Prefix : WidestIpv4Prefix;

    /// <summary>
    /// What is wrong with the Cargo IPs, one line per bad entry (empty when all are usable); part of
    /// the one validation step, whether or not the AWS checks are configured.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> ips, bool allowWide)
    {
        var problems = new List<string>();
        foreach (var ip in ips)
        {
            if (!Cidr.TryParse(ip, out var cidr))
            {
                problems.Add($"--cargo-ip '{ip}' {Cidr.Expected}");
            }
            else if (!allowWide && IsWide(cidr))
            {
                problems.Add($"--cargo-ip '{ip.Trim()}' is wider than /{Limit(cidr).ToString(CultureInfo.InvariantCulture)}: it would open the warehouse port to {Reach(cidr)}; "
                    + "pass Cargo's own IPs (Cargo workspace settings), or add --allow-wide-cidr if you really mean it");
            }
        }

        return problems;
    }

    /// <summary>One run note per wide range that --allow-wide-cidr let through (the report shows notes).</summary>
    public static IEnumerable<string> WideRangeNotes(IReadOnlyList<string> ips) =>
        ips.Select(ip => Cidr.TryParse(ip, out var cidr) ? cidr : null)
            .OfType<Cidr>()
            .Where(IsWide)
            .Select(cidr => $"--cargo-ip {cidr} is wider than /{Limit(cidr).ToString(CultureInfo.InvariantCulture)} (accepted because of --allow-wide-cidr): "
                + "no fix proposed here opens the warehouse port to it; give Cargo's own IPs instead.");

    private static string Reach(Cidr cidr) => cidr.PrefixLength == 0
        ? "the whole internet"
        : cidr.IsIpv6 ? $"a /{cidr.PrefixLength.ToString(CultureInfo.InvariantCulture)} IPv6 network" : $"{(1L << (32 - cidr.PrefixLength)).ToString("N0", CultureInfo.InvariantCulture)} addresses";
}

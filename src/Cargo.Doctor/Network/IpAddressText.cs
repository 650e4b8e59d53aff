using System.Net;
using System.Net.Sockets;

namespace Cargo.Doctor.Network;

/// <summary>
/// The one parser of an IP address typed by a person or read from a file: canonical dotted-decimal IPv4
/// (four parts of 0 to 255, no leading zero, no hex, no short form) or standard IPv6 text (RFC 4291 section 2.2:
/// https://www.rfc-editor.org/rfc/rfc4291#section-2.2; a dotted IPv4 tail is held to the same IPv4 rules), with
/// no zone id. <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone reads <c>010</c> as octal 8 and
/// <c>0x0a</c> as hex (the inet_aton forms), so <c>3.248.000.010</c> would be 3.248.0.8: a stranger's address.
/// </summary>
public static class IpAddressText
{
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (!text.Contains(':'))
        {
            return TryParseIpv4(text, out address);
        }

        // Hex digits, colons, and a dotted IPv4 tail: no zone id (%eth0), no brackets, no spaces.
        if (!text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
        {
            return false;
        }

        var lastColon = text.LastIndexOf(':');
        var tail = text[(lastColon + 1)..];
        if (tail.Contains('.') && !TryParseIpv4(tail, out _))
        {
            return false;
        }

        if (text[..(lastColon + 1)].Contains('.'))
        {
            return false;
        }

        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static bool TryParseIpv4(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var value = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            bytes[i] = (byte)value;
        }

        address = new IPAddress(bytes);
        return true;
    }
}

namespace Cargo.Doctor.Config;

/// <summary>
/// A host written without brackets: a DNS name or an IPv4 address. Anything else (spaces, commas
/// that Npgsql would read as a host list, ':' of an unbracketed IPv6 address) is refused up front.
/// </summary>
internal static class HostName
{
    public static bool IsValid(string host) =>
        host.Length is > 0 and <= 253
        && host[0] is not ('.' or '-')
        && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}

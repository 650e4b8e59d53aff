using System.Net.Sockets;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>One-line descriptions of transport failures (no stack traces, no headers).</summary>
internal static class NetworkFailure
{
    public static string Unreachable(Uri endpoint, HttpRequestException e) =>
        $"Cannot reach {endpoint.GetLeftPart(UriPartial.Authority)}: {Reason(e)}.";

    public static string TimedOut(Uri endpoint, int seconds) =>
        $"No response from {endpoint.GetLeftPart(UriPartial.Authority)} within {seconds}s.";

    public static string Dropped(Uri endpoint, int? status) =>
        $"Connection to {endpoint.GetLeftPart(UriPartial.Authority)} closed before the whole response arrived"
        + (status is null ? " (body cut off)." : $" (HTTP {status} headers received, body cut off).");

    private static string Reason(HttpRequestException e) =>
        e.InnerException is SocketException socket
            ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found (DNS)",
                SocketError.TimedOut => "connection timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                _ => socket.SocketErrorCode.ToString(),
            }
            : e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "host name not found (DNS)",
                HttpRequestError.ConnectionError => "connection failed",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                _ => e.Message.ReplaceLineEndings(" "),
            };
}

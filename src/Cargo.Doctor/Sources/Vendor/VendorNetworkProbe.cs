using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>
/// The network path from where <c>cargo-doctor vendor --probe</c> runs (Cargo's address) to the customer's endpoint:
/// TCP connect, TLS (PostgreSQL's SSLRequest, then a handshake) and the start of the PostgreSQL startup exchange, up to
/// the server's first authentication request; no login is attempted, so no password is needed or sent
/// (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL,
/// https://www.postgresql.org/docs/current/protocol-message-formats.html). Each step's failure is classified.
/// </summary>
public sealed class VendorNetworkProbe(TimeSpan timeout)
{
    private const int SslRequestCode = 80877103;
    private const int ProtocolVersion3 = 196608;

    /// <param name="sslMode">
    /// Cargo's connection setting: with require or stricter, a server that answers 'N' to the SSL request ends the
    /// connection, as libpq does ("only try an SSL connection",
    /// https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-SSLMODE-STATEMENTS); the step is then
    /// <c>ssl-refused</c>, not a warning.
    /// </param>
    public async Task<VendorProbeFacts> RunAsync(string host, int port, string database, string user, CancellationToken ct, WarehouseSslMode sslMode = WarehouseSslMode.Prefer)
    {
        var steps = new List<VendorProbeStep>();
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            steps.Add(new VendorProbeStep("dns", "dns", $"{host} does not resolve: {e.SocketErrorCode}"));
            return new VendorProbeFacts(host, port, database, steps) { User = user };
        }

        using var client = new TcpClient(addresses[0].AddressFamily);
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connect.CancelAfter(timeout);
            try
            {
                await client.ConnectAsync(addresses[0], port, connect.Token).ConfigureAwait(false);
                steps.Add(new VendorProbeStep("tcp", "ok", $"connected to {addresses[0]}:{port}"));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                steps.Add(new VendorProbeStep("tcp", "timeout", $"no answer from {addresses[0]}:{port} within {timeout.TotalSeconds:0} s (a firewall, security group or network ACL drops the packets)"));
                return new VendorProbeFacts(host, port, database, steps) { User = user };
            }
            catch (SocketException e)
            {
                steps.Add(new VendorProbeStep("tcp", Classify(e.SocketErrorCode), $"{addresses[0]}:{port}: {e.SocketErrorCode}"));
                return new VendorProbeFacts(host, port, database, steps) { User = user };
            }
        }

        using var exchange = CancellationTokenSource.CreateLinkedTokenSource(ct);
        exchange.CancelAfter(timeout);
        Stream stream = client.GetStream();
        try
        {
            await stream.WriteAsync(SslRequest(), exchange.Token).ConfigureAwait(false);
            var answer = new byte[1];
            if (await stream.ReadAsync(answer, exchange.Token).ConfigureAwait(false) == 0)
            {
                steps.Add(new VendorProbeStep("tls", "failed", "the server closed the connection at the SSL request"));
                return new VendorProbeFacts(host, port, database, steps) { User = user };
            }

            if (answer[0] == (byte)'S')
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, errors) => { TlsErrors = errors; return true; });
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, exchange.Token).ConfigureAwait(false);
                steps.Add(new VendorProbeStep("tls", "ok", TlsErrors == SslPolicyErrors.None ? $"TLS {tls.SslProtocol}, certificate valid for {host}" : $"TLS {tls.SslProtocol}, certificate not valid from here: {TlsErrors}"));
                stream = tls;
            }
            else if (sslMode >= WarehouseSslMode.Require)
            {
                steps.Add(new VendorProbeStep("tls", "ssl-refused",
                    $"the server answered '{(char)answer[0]}' to the SSL request: it refuses SSL, which sslmode {sslMode.Text()} requires"));
                return new VendorProbeFacts(host, port, database, steps) { User = user };
            }
            else
            {
                steps.Add(new VendorProbeStep("tls", "refused", $"the server answered '{(char)answer[0]}' to the SSL request: no TLS"));
            }

            await stream.WriteAsync(Startup(user, database), exchange.Token).ConfigureAwait(false);
            steps.Add(await ReadStartupAnswerAsync(stream, exchange.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            steps.Add(new VendorProbeStep(steps.Count < 2 ? "tls" : "startup", "timeout", $"no answer within {timeout.TotalSeconds:0} s"));
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or SocketException)
        {
            steps.Add(new VendorProbeStep(steps.Count < 2 ? "tls" : "startup", "failed", e.Message.ReplaceLineEndings(" ")));
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        return new VendorProbeFacts(host, port, database, steps) { User = user };
    }

    private SslPolicyErrors TlsErrors { get; set; }

    /// <summary>'R' is an authentication request (the server got as far as asking for credentials), 'E' an error.</summary>
    private static async Task<VendorProbeStep> ReadStartupAnswerAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header, ct).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        var body = new byte[Math.Clamp(length - 4, 0, 8192)];
        await stream.ReadExactlyAsync(body, ct).ConfigureAwait(false);
        return (char)header[0] switch
        {
            'R' => new VendorProbeStep("startup", "ok", $"the server asks for authentication ({AuthMethod(body)})"),
            'E' => new VendorProbeStep("startup", "rejected", $"the server refused the startup: {ErrorText(body)}"),
            var other => new VendorProbeStep("startup", "failed", $"unexpected message '{other}'"),
        };
    }

    private static string AuthMethod(byte[] body) => body.Length < 4 ? "unknown" : BinaryPrimitives.ReadInt32BigEndian(body) switch
    {
        0 => "none needed",
        3 => "password",
        5 => "MD5 password",
        10 => "SASL",
        var code => $"method {code}",
    };

    /// <summary>The M (message) field of an ErrorResponse.</summary>
    private static string ErrorText(byte[] body)
    {
        foreach (var field in Encoding.UTF8.GetString(body).Split('\0'))
        {
            if (field.StartsWith('M'))
            {
                return field[1..];
            }
        }

        return "no message";
    }

    private static string Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "refused",
        SocketError.TimedOut => "timeout",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown => "unreachable",
        _ => "failed",
    };

    private static byte[] SslRequest()
    {
        var message = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(message, 8);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), SslRequestCode);
        return message;
    }

    private static byte[] Startup(string user, string database)
    {
        var parameters = Encoding.UTF8.GetBytes($"user\0{user}\0database\0{database}\0\0");
        var message = new byte[8 + parameters.Length];
        BinaryPrimitives.WriteInt32BigEndian(message, message.Length);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), ProtocolVersion3);
        parameters.CopyTo(message, 8);
        return message;
    }
}

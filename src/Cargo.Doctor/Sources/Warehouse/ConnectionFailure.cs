using System.Net.Sockets;
using System.Security.Authentication;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// Turns a failed connection attempt into a kind and a one-line message a customer can act on
/// (never a stack trace, never the connection string).
/// </summary>
public static class ConnectionFailure
{
    public static (string Kind, string Message) Classify(Exception e, string host, int port, string database, string user)
    {
        var where = $"{host}:{port}";
        switch (e)
        {
            case PostgresException pg when pg.SqlState is "28P01" || (pg.SqlState == "28000" && pg.MessageText.Contains("password", StringComparison.OrdinalIgnoreCase)):
                return ("auth", $"password authentication failed for user \"{user}\": the password is wrong or the user does not exist ({pg.SqlState})");
            case PostgresException pg when pg.SqlState == "3D000":
                return ("database-missing", $"database \"{database}\" does not exist on {where}");
            case PostgresException pg when pg.SqlState == "28000" && pg.MessageText.Contains("SSL", StringComparison.OrdinalIgnoreCase):
                return ("ssl", $"the server requires SSL for this connection: use --sslmode require ({pg.MessageText})");
            case PostgresException pg when pg.SqlState == "28000":
                return ("auth", $"the server refused the login of \"{user}\": {pg.MessageText} ({pg.SqlState})");
            case PostgresException pg:
                return ("other", $"the server refused the connection: {pg.MessageText} ({pg.SqlState})");
        }

        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return ("refused", $"nothing is listening on {where} (connection refused): check the host and port");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return ("host-not-found", $"host \"{host}\" could not be resolved: check the endpoint");
                case SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable } s:
                    return ("timeout", $"no answer from {where} ({s.SocketErrorCode}): the warehouse may not be publicly accessible, or its security group does not let this machine in");
                case TimeoutException:
                    return ("timeout", $"no answer from {where} within the connect timeout: the warehouse may not be publicly accessible, or its security group does not let this machine in");
                case AuthenticationException:
                    return ("ssl", $"SSL negotiation with {where} failed: {inner.Message}");
                case NpgsqlException n when n.Message.Contains("SSL", StringComparison.OrdinalIgnoreCase):
                    return ("ssl", $"SSL negotiation with {where} failed: {n.Message}");
            }
        }

        return ("other", $"could not connect to {where}: {e.Message}");
    }
}

using System.Net;
using System.Net.Sockets;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// A TCP listener on 127.0.0.1 that accepts connections, counts them and never answers: proof that a
/// run did (or did not) try to connect, and a warehouse that hangs forever for the signal tests.
/// </summary>
public sealed class LoopbackListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;

    public LoopbackListener()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>An endpoint flag value for database <c>dev</c> on this listener.</summary>
    public string Endpoint => $"127.0.0.1:{Port}/dev";

    public int Accepted => Volatile.Read(ref _accepted);

    public async Task WaitForConnectionAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Accepted == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("nothing connected to the loopback listener");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop this way.
        }

        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_clients)
            {
                _clients.Add(client);
            }

            Interlocked.Increment(ref _accepted);
        }
    }
}

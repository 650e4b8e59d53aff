using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>One UNLOAD/COPY the stand-in saw: who sent it, what PostgreSQL ran instead, and the error kind it raised (if any).</summary>
public sealed record StandInStatement(string User, string Text, string SentToPostgres, string? ErrorKind);

/// <summary>
/// A test-only Redshift stand-in: a PostgreSQL wire proxy on 127.0.0.1 in front of the fixture's
/// server. It terminates TLS towards the client, relays SCRAM untouched to a plaintext upstream
/// session, passes every statement through except UNLOAD and COPY ... FROM 's3://', which it checks
/// against an <see cref="AwsWorld"/> and turns into PostgreSQL's own COPY TO STDOUT / FROM STDIN on the
/// client's session, with a directory-backed <see cref="DirectoryS3"/>.
/// </summary>
public sealed partial class RedshiftStandIn : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<StandInStatement> _statements = new();
    private readonly ConcurrentQueue<string> _faults = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _acceptLoop;

    private RedshiftStandIn(PostgresServer upstream, AwsWorld world)
    {
        Upstream = upstream;
        World = world;
        Certificate = SelfSignedCertificate();
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptAsync);
    }

    public PostgresServer Upstream { get; }

    public AwsWorld World { get; }

    public DirectoryS3 S3 { get; } = new();

    public string Host => "127.0.0.1";

    public int Port { get; }

    public IReadOnlyList<StandInStatement> Statements => [.. _statements];

    /// <summary>Runs before each UNLOAD/COPY is checked: lets a test play someone else touching S3 meanwhile.</summary>
    public Action<RedshiftStatement>? BeforeStatement { get; set; }

    internal X509Certificate2 Certificate { get; }

    public static Task<RedshiftStandIn> StartAsync(PostgresServer upstream, Action<AwsWorld>? configure = null)
    {
        var world = new AwsWorld();
        configure?.Invoke(world);
        return Task.FromResult(new RedshiftStandIn(upstream, world));
    }

    /// <summary>Exceptions that ended a session other than a closed connection: a test fails on them, as they are stand-in bugs.</summary>
    public IReadOnlyList<string> Faults => [.. _faults];

    internal void Record(StandInStatement statement) => _statements.Enqueue(statement);

    internal void Fault(Exception e) => _faults.Enqueue(e.ToString());

    /// <summary>A CancelRequest goes raw to PostgreSQL on a new connection: the key data the client holds is PostgreSQL's own.</summary>
    internal async Task ForwardCancelAsync(byte[] packet)
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(Upstream.Host, Upstream.Port);
        var stream = upstream.GetStream();
        await stream.WriteAsync(packet);
        await stream.FlushAsync();
        var buffer = new byte[16];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
            await Task.WhenAll(_sessions).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or TimeoutException or ObjectDisposedException)
        {
        }

        S3.Dispose();
        Certificate.Dispose();
        _stop.Dispose();
        if (_ownedCluster is not null)
        {
            await _ownedCluster.DisposeAsync();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _sessions.Add(Task.Run(() => new StandInSession(this, client).RunAsync(_stop.Token)));
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Cargo.Doctor.Tests.Fixtures.PostgresProcess))]

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL (the Debian package) on 127.0.0.1, on a free port, in a temp data dir, with SSL on
/// (self-signed) and the Redshift catalog emulation installed in template1. One per test run, started
/// by the first <see cref="PostgresServer"/> class fixture that asks for it, so a run of Unit tests
/// never starts (or needs) PostgreSQL. Each test creates its own database and uniquely named users,
/// so tests run in parallel.
/// </summary>
public sealed class PostgresProcess : IAsyncDisposable
{
    public const string AdminUser = "doctor_admin";
    public const string AdminPassword = "admin-Secret-4242";

    private readonly Lazy<Task> _started;
    private Process? _process;
    private string _dataDir = "";
    private int _counter;

    public PostgresProcess() => _started = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public int Port { get; private set; }

    public string Host => "127.0.0.1";

    /// <summary>Starts the server on the first call; later calls wait for (or rethrow) that start.</summary>
    public Task EnsureStartedAsync() => _started.Value;

    private async Task StartAsync()
    {
        var bin = FindBinDir();
        _dataDir = Path.Combine(Path.GetTempPath(), $"cargo-doctor-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        var pwFile = Path.Combine(_dataDir, "pw");
        await File.WriteAllTextAsync(pwFile, AdminPassword);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb and postgres refuse to run as root.
            await RunAsync("chown", $"-R postgres:postgres {_dataDir}");
        }

        var data = Path.Combine(_dataDir, "data");
        await RunAsync(asRoot ? "runuser" : Path.Combine(bin, "initdb"),
            (asRoot ? $"-u postgres -- {Path.Combine(bin, "initdb")} " : "") +
            $"-D {data} -U {AdminUser} --pwfile={pwFile} --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 --no-sync");

        await RunAsync("openssl", $"req -new -x509 -days 2 -nodes -subj /CN=127.0.0.1 -keyout {data}/server.key -out {data}/server.crt");
        await RunAsync("chmod", $"600 {data}/server.key");
        if (asRoot)
        {
            await RunAsync("chown", $"postgres:postgres {data}/server.key {data}/server.crt");
        }

        Port = FreePort();
        var serverArgs = $"-D {data} -p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_dataDir} " +
            "-c allow_system_table_mods=on -c fsync=off -c synchronous_commit=off -c full_page_writes=off " +
            "-c ssl=on -c max_connections=200 -c log_min_messages=fatal -c rs.enable_case_sensitive_identifier=false";
        _process = Process.Start(new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(bin, "postgres"),
            (asRoot ? $"-u postgres -- {Path.Combine(bin, "postgres")} " : "") + serverArgs)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitReadyAsync();

        var emulation = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "redshift-emulation.sql"));
        await using var connection = await OpenAdminAsync("template1");
        await using var command = new NpgsqlCommand(emulation, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_started.IsValueCreated)
        {
            return;
        }

        if (_process is { HasExited: false })
        {
            // SIGINT: PostgreSQL's fast shutdown. Kill the whole tree (runuser + postgres).
            await RunAsync("pkill", $"-INT -f {_dataDir}", check: false);
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await RunAsync("pkill", $"-KILL -f {_dataDir}", check: false);
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A name unique within this test run, for databases and users.</summary>
    public string UniqueName(string prefix) => $"{prefix}_{Interlocked.Increment(ref _counter)}";

    public string AdminConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = database,
        Username = AdminUser,
        Password = AdminPassword,
        Pooling = false,
        SslMode = SslMode.Disable,
    }.ConnectionString;

    public async Task<NpgsqlConnection> OpenAdminAsync(string database)
    {
        var connection = new NpgsqlConnection(AdminConnectionString(database));
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = await OpenAdminAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = await OpenAdminAsync("postgres");
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                await Task.Delay(100);
            }
        }
    }

    private static string FindBinDir()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")))
            ?? throw new InvalidOperationException("PostgreSQL server not found under /usr/lib/postgresql: run scripts/test.sh, which installs it");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stderr}");
        }
    }
}

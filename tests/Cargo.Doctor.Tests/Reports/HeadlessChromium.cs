using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol (System.Net.WebSockets, no package):
/// one page session whose network requests, console messages and exceptions are recorded.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private int _nextId;
    private string? _session;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Every event received, in order: (method, params).</summary>
    public ConcurrentQueue<(string Method, JsonElement Params)> Events { get; } = new();

    public static string FindBinary()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin"))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        throw new InvalidOperationException("chromium is not installed: the HTML report test needs it (apt-get install -y chromium)");
    }

    public static async Task<HeadlessChromium> StartAsync(CancellationToken ct)
    {
        var profile = Directory.CreateTempSubdirectory("cargo-doctor-chromium-").FullName;
        var start = new ProcessStartInfo(FindBinary())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
            "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        string[] lines = [];
        while (lines.Length < 2)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30) || process.HasExited)
            {
                await browser.DisposeAsync();
                throw new InvalidOperationException("chromium did not open its DevTools port within 30 s");
            }

            await Task.Delay(100, ct);
            lines = File.Exists(portFile) ? (await File.ReadAllLinesAsync(portFile, ct)).Where(l => l.Length > 0).ToArray() : [];
        }

        await browser._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}"), ct);
        browser._reader = Task.Run(browser.ReadLoopAsync, CancellationToken.None);
        var target = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, ct);
        var attached = await browser.SendAsync("Target.attachToTarget",
            new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, ct);
        browser._session = attached.GetProperty("sessionId").GetString();
        return browser;
    }

    /// <summary>Sends a command to the page session (or the browser before one exists) and awaits its result.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (_session is not null)
        {
            message["sessionId"] = _session;
        }

        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, ct);
        var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method}: {error}");
        }

        return result.GetProperty("result");
    }

    public async Task WaitForEventAsync(string method, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!Events.Any(e => e.Method == method))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"no {method} within 30 s");
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken ct)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, ct);
        return result.GetProperty("result").GetProperty("value");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _socket.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still hold a file for a moment; the temp dir is cleaned eventually
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var chunk = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (chunk.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, chunk.Count);
                if (!chunk.EndOfMessage)
                {
                    continue;
                }

                var root = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                message.SetLength(0);
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                {
                    reply.SetResult(root);
                }
                else if (root.TryGetProperty("method", out var method))
                {
                    Events.Enqueue((method.GetString()!, root.TryGetProperty("params", out var p) ? p : default));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // browser closed
        }
    }
}

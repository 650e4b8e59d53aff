using System.Runtime.InteropServices;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM: instead of dying mid-run, cancel the token the commands run with, so
/// that `check` writes its reports with what was gathered and exits with 128 + the signal number
/// (130, 143), as shells report a process killed by that signal.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private volatile bool _deferring;

    public Interruption()
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Signal(context, "SIGINT", ExitCodes.Interrupted)));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Signal(context, "SIGTERM", ExitCodes.Terminated)));
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>"SIGINT" or "SIGTERM" once a signal arrived; null before.</summary>
    public string? SignalName { get; private set; }

    public int ExitCode { get; private set; } = ExitCodes.Interrupted;

    public bool Requested => SignalName is not null;

    /// <summary>
    /// From here on a signal cancels the run instead of ending the process. Before (e.g. at the
    /// password prompt, which does not watch the token) Ctrl+C ends the process at once, as usual.
    /// </summary>
    public void DeferUntilReported() => _deferring = true;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    private void Signal(PosixSignalContext context, string name, int exitCode)
    {
        if (!_deferring)
        {
            return;
        }

        // Keep the process alive: the command finishes its reports, then exits with ExitCode.
        context.Cancel = true;
        if (SignalName is null)
        {
            SignalName = name;
            ExitCode = exitCode;
            _cancel.Cancel();
        }
    }
}

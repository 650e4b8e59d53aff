using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Terminal;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli.Commands;

/// <summary>
/// What a command that ended in an exception prints (one line per problem, never a stack trace) and
/// which exit code it gets: a usage error 2, a signal 128 + its number whatever was thrown while
/// stopping, anything else is a bug in the tool: <see cref="ExitCodes.InternalError"/>.
/// </summary>
internal static class FailureExit
{
    public sealed record Outcome(int ExitCode, IReadOnlyList<string> Lines);

    /// <param name="signal">"SIGINT"/"SIGTERM" when a signal stopped the run, else null.</param>
    public static Outcome For(Exception exception, string? signal, int signalExitCode) => exception switch
    {
        _ when signal is not null => new(signalExitCode, [$"cancelled ({signal})"]),
        UsageException usage => new(ExitCodes.UsageOrConfig, usage.Problems),
        CatalogException catalog => new(ExitCodes.UsageOrConfig, [catalog.Message]),
        _ => new(ExitCodes.InternalError, [ParseErrorText.Clean($"internal error: {exception.GetType().Name}: {exception.Message}")]),
    };
}

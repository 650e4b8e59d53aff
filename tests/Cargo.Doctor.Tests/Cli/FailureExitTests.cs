using Cargo.Doctor.Cli.Commands;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>
/// Issue 12.8: how a command that ended in an exception exits. A usage error is 2; a bug in the tool
/// is 70 (sysexits EX_SOFTWARE), not 2, so CI can tell them apart; once SIGINT/SIGTERM stopped the
/// run, whatever the stopping threw, the exit is 130/143 (it was 2 for anything but a cancellation).
/// </summary>
[Trait("Category", "Unit")]
public sealed class FailureExitTests
{
    [Fact]
    public void a_usage_error_exits_2_with_one_line_per_problem()
    {
        var outcome = FailureExit.For(new UsageException(["first problem", "second problem"]), null, 130);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(["first problem", "second problem"], outcome.Lines);
    }

    [Fact]
    public void a_bug_in_the_tool_exits_70_with_one_line_and_no_stack_trace()
    {
        var outcome = FailureExit.For(new InvalidOperationException("Sequence contains no elements"), null, 130);

        Assert.Equal(70, outcome.ExitCode);
        Assert.Equal(["internal error: InvalidOperationException: Sequence contains no elements"], outcome.Lines);
    }

    [Theory]
    [InlineData("SIGINT", 130)]
    [InlineData("SIGTERM", 143)]
    public void after_a_signal_any_exception_exits_128_plus_the_signal(string signal, int exit)
    {
        foreach (var thrown in new Exception[] { new OperationCanceledException(), new ObjectDisposedException("connection"), new IOException("pipe closed") })
        {
            var outcome = FailureExit.For(thrown, signal, exit);

            Assert.Equal(exit, outcome.ExitCode);
            Assert.Equal([$"cancelled ({signal})"], outcome.Lines);
        }
    }
}

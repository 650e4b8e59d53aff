using System.Runtime.CompilerServices;
using Spectre.Console;

namespace Cargo.Doctor.Cli.Terminal;

/// <summary>
/// The one place Spectre.Console earns its cost: a password prompt that echoes nothing. Kept in its
/// own non-inlined method so Spectre is loaded only when a prompt is shown (issue 11: start-up).
/// </summary>
internal static class HiddenPrompt
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Ask(string label) => AnsiConsole.Prompt(new TextPrompt<string>(Markup.Escape(label)).Secret());
}

using System.Text.RegularExpressions;

namespace Cargo.Doctor.Cli.Terminal;

/// <summary>
/// System.CommandLine's parse errors in the customer's words: the ".NET type" part (e.g.
/// "as expected type 'System.Boolean'") means nothing to someone running a CLI, so it is cut.
/// </summary>
internal static partial class ParseErrorText
{
    public static string Clean(string message) => TypeNames().Replace(ExpectedType().Replace(message, ""), "a value");

    [GeneratedRegex(@" as expected type '[^']*'")]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"System\.[A-Za-z0-9_.`\[\], =]+")]
    private static partial Regex TypeNames();
}

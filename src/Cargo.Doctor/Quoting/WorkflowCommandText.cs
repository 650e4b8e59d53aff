namespace Cargo.Doctor.Quoting;

/// <summary>
/// Text inside a GitHub Actions workflow command (<c>::error file=F,title=T::MESSAGE</c>), escaped as
/// https://docs.github.com/actions/reference/workflow-commands-for-github-actions says: in the message
/// <c>%</c>, CR and LF become <c>%25</c>, <c>%0D</c>, <c>%0A</c>; in a property also <c>:</c> and
/// <c>,</c> become <c>%3A</c>, <c>%2C</c>. Every other control character (ESC, BEL...) then becomes a
/// visible <c>\uXXXX</c> (<see cref="DisplayText"/>): the command is one line, a name cannot end it,
/// start another command, or reach the terminal raw.
/// </summary>
public static class WorkflowCommandText
{
    public static string Data(string text) => DisplayText.Escape(
        text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal));

    public static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>
    /// <c>::error</c> / <c>::warning</c> with its properties (null ones left out) and message.
    /// https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
    /// </summary>
    public static string Command(string command, IEnumerable<(string Name, string? Value)> properties, string message)
    {
        var props = string.Join(",", properties.Where(p => p.Value is not null).Select(p => $"{p.Name}={Property(p.Value!)}"));
        return $"::{command}{(props.Length > 0 ? " " + props : "")}::{Data(message)}";
    }
}

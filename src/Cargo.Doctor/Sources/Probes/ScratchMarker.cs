using System.Globalization;
using System.Text.RegularExpressions;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// The comment on a scratch schema: when it was created, by which version, and by which server
/// session (pid and that session's start, since a pid "can be reused over time":
/// https://docs.aws.amazon.com/redshift/latest/dg/PG_BACKEND_PID.html). A later run drops the
/// schema at once when that session is gone and the schema holds only what the probes create
/// (a run stopped before writing the marker: <see cref="LeftoverSweep"/>, unmarked schemas). A comment with our prefix that does not parse, or
/// that claims a time in the future, was not written by cargo-doctor as it is: it is foreign.
/// </summary>
public sealed partial record ScratchMarker(DateTimeOffset CreatedAt, string ToolVersion, LiveSession? Session)
{
    public const string Prefix = "cargo-doctor scratch schema; created ";

    private const string StampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public string Text =>
        $"{Prefix}{CreatedAt.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)} by cargo-doctor {ToolVersion}" +
        (Session is null ? "" : $"; session {Session.Pid}" + (Session.StartedAt is null ? "" : $" started {Session.StartedAt}")) +
        "; safe to drop";

    /// <summary>True for any comment that claims to be ours; <see cref="Parse"/> says whether it really reads as ours.</summary>
    public static bool Claims(string? comment) => comment?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>Null when the comment does not read exactly as a marker cargo-doctor writes.</summary>
    public static ScratchMarker? Parse(string comment)
    {
        var match = MarkerText().Match(comment);
        if (!match.Success || !DateTimeOffset.TryParseExact(match.Groups["at"].Value, StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        {
            return null;
        }

        LiveSession? session = null;
        if (match.Groups["pid"].Success && int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            session = new LiveSession(pid, match.Groups["start"].Success ? match.Groups["start"].Value : null);
        }
        else if (match.Groups["pid"].Success)
        {
            return null;
        }

        return new ScratchMarker(created, match.Groups["version"].Value, session);
    }

    [GeneratedRegex(@"^cargo-doctor scratch schema; created (?<at>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) by cargo-doctor (?<version>[^\s;]+)(?:; session (?<pid>\d{1,10})(?: started (?<start>[0-9: .-]+))?)?; safe to drop$")]
    private static partial Regex MarkerText();
}

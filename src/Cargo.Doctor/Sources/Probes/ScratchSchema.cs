using System.Globalization;
using Cargo.Doctor.Sql;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// The probes' own schema, <c>cargo_doctor_&lt;run id&gt;</c>, marked with a comment no customer
/// would write. Only schemas with this exact comment prefix, this name prefix and owned by the
/// current user are ever dropped as leftovers.
/// </summary>
public sealed class ScratchSchema(string runId)
{
    public const string NamePrefix = "cargo_doctor_";

    public const string MarkerPrefix = "cargo-doctor scratch schema; created ";

    /// <summary>A marked schema younger than this may belong to a run still in progress: left alone.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(15);

    /// <summary>Schemas the current user owns whose name looks like ours; the caller checks the marker exactly.</summary>
    public const string FindCandidates =
        "SELECT n.nspname, pg_catalog.obj_description(n.oid, 'pg_namespace') FROM pg_catalog.pg_namespace n " +
        "WHERE n.nspname LIKE 'cargo_doctor_%' AND n.nspowner = (SELECT u.usesysid FROM pg_catalog.pg_user u WHERE u.usename = current_user)";

    public string Name { get; } = NamePrefix + runId;

    public string Create => $"CREATE SCHEMA {SqlQuote.Ident(Name)}";

    public string Drop => DropStatement(Name);

    public string ProbeTable => SqlQuote.Qualified(Name, "cargo_doctor_probe");

    public string ProbeFunction => SqlQuote.Qualified(Name, "f_cargo_doctor_probe");

    public static string Marker(DateTimeOffset createdAt, string toolVersion) =>
        $"{MarkerPrefix}{createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} by cargo-doctor {toolVersion}; safe to drop";

    public static string DropStatement(string name) => $"DROP SCHEMA {SqlQuote.Ident(name)} CASCADE";

    public string Comment(string marker) => $"COMMENT ON SCHEMA {SqlQuote.Ident(Name)} IS {SqlQuote.Literal(marker)}";

    /// <summary>True for our exact name prefix and marker prefix; the creation time decides whether it is stale.</summary>
    public static bool IsStaleLeftover(string name, string? comment, DateTimeOffset now, out bool recent)
    {
        recent = false;
        if (!name.StartsWith(NamePrefix, StringComparison.Ordinal) || comment is null || !comment.StartsWith(MarkerPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var stamp = comment[MarkerPrefix.Length..].Split(' ', 2)[0];
        if (DateTimeOffset.TryParseExact(stamp, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            && now - created < LeftoverAge)
        {
            recent = true;
            return false;
        }

        return true;
    }
}

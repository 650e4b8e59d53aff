using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// The statements of the COPY/UNLOAD round trip: a TEMP table with awkward values (NULLs, unicode,
/// quotes, commas, timestamps with microseconds, numerics), UNLOAD to the run's folder through the
/// role chain, COPY back into a second TEMP table, and both read back for comparison.
/// </summary>
public sealed class RoundTripSql(RoundTripTarget target, string runId)
{
    public const string SourceTable = "cargo_doctor_round_trip_src";
    public const string CopyTable = "cargo_doctor_round_trip_copy";

    /// <summary>How NULL is written to the files: distinct from every value of the probe's rows.</summary>
    public const string NullMarker = "cargo-doctor-null";

    private const string Columns = "id, note, amount, happened_at, flag";

    public string Folder => target.Folder(runId);

    public string CreateSource =>
        $"CREATE TEMP TABLE {SqlQuote.Ident(SourceTable)} (id INT, note VARCHAR(256), amount NUMERIC(18,4), happened_at TIMESTAMP, flag BOOLEAN)";

    public string InsertRows =>
        $"INSERT INTO {SqlQuote.Ident(SourceTable)} ({Columns}) VALUES " +
        "(1, 'plain text', 12345.6789, '2024-02-29 23:59:59.123456', TRUE), " +
        "(2, " + SqlQuote.Literal("it's \"quoted\", with a comma | and a pipe") + ", -0.0001, '1999-12-31 00:00:00', FALSE), " +
        "(3, 'Grüße, 東京 ✓ ñ', 0, '2038-01-19 03:14:07.5', TRUE), " +
        "(4, NULL, NULL, NULL, NULL), " +
        "(5, 'last row', 99999999999999.9999, '1970-01-01 00:00:01', FALSE)";

    public string Unload =>
        $"UNLOAD ({SqlQuote.UnloadLiteral(SelectSource)})\n" +
        $"TO {SqlQuote.UnloadLiteral(Folder)}\n" +
        $"IAM_ROLE {SqlQuote.UnloadLiteral(target.RoleChain)}\n" +
        $"FORMAT AS CSV NULL AS {SqlQuote.UnloadLiteral(NullMarker)} PARALLEL OFF" +
        RegionClause;

    public string CreateCopy => $"CREATE TEMP TABLE {SqlQuote.Ident(CopyTable)} (LIKE {SqlQuote.Ident(SourceTable)})";

    public string Copy =>
        $"COPY {SqlQuote.Ident(CopyTable)} ({Columns})\n" +
        $"FROM {SqlQuote.UnloadLiteral(Folder)}\n" +
        $"IAM_ROLE {SqlQuote.UnloadLiteral(target.RoleChain)}\n" +
        $"FORMAT AS CSV NULL AS {SqlQuote.UnloadLiteral(NullMarker)} TIMEFORMAT 'auto'" +
        RegionClause;

    public string SelectSource => $"SELECT {Columns} FROM {SqlQuote.Ident(SourceTable)} ORDER BY id";

    public string SelectCopy => $"SELECT {Columns} FROM {SqlQuote.Ident(CopyTable)} ORDER BY id";

    private string RegionClause => target.Region is null ? "" : $"\nREGION {SqlQuote.UnloadLiteral(target.Region)}";
}

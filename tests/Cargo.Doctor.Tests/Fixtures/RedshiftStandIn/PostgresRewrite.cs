using System.Globalization;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>
/// What PostgreSQL runs in place of an UNLOAD/COPY, on the client's own session (so its TEMP tables
/// and grants apply): <c>COPY (select) TO STDOUT</c>, <c>COPY table FROM STDIN</c>, or a DO block that
/// raises the Redshift error, so transaction state and the protocol behave as for a real failure.
/// Also Redshift's object naming for UNLOAD and the prefix read of COPY.
/// </summary>
public static class PostgresRewrite
{
    public static string Unload(UnloadStatement s) =>
        $"COPY ({s.Select}) TO STDOUT WITH (FORMAT csv{Null(s.NullAs)}{(s.Header ? ", HEADER true" : "")})";

    public static string Copy(CopyStatement s) =>
        $"COPY {s.Table}{(s.Columns is null ? "" : " " + s.Columns)} FROM STDIN WITH (FORMAT csv{Null(s.NullAs)})";

    /// <summary>A DO block raising the error with its SQLSTATE, message and DETAIL (the PL/pgSQL context is stripped on the way back).</summary>
    public static string Raise(RedshiftError error)
    {
        var tag = "$standin_" + Guid.NewGuid().ToString("N")[..8] + "$";
        var detail = error.Detail is null ? "" : $", DETAIL = {SqlQuote.Literal(error.Detail)}";
        return $"DO {tag} BEGIN RAISE EXCEPTION USING ERRCODE = {SqlQuote.Literal(error.SqlState)}, MESSAGE = {SqlQuote.Literal(error.Message)}{detail}; END {tag}";
    }

    /// <summary>
    /// PARALLEL OFF: one object <c>&lt;prefix&gt;000</c>; PARALLEL ON: one per slice,
    /// <c>&lt;prefix&gt;0000_part_00</c>, <c>&lt;prefix&gt;0001_part_00</c>, ... (https://docs.aws.amazon.com/redshift/latest/dg/t_Unloading_tables.html).
    /// Rows go to slices in turn; that Redshift writes a file for a slice without rows, and a header
    /// in each file, is UNCONFIRMED.
    /// </summary>
    public static IReadOnlyList<(string Key, byte[] Content)> UnloadObjects(UnloadStatement s, IReadOnlyList<byte[]> copyData, int slices)
    {
        var header = s.Header && copyData.Count > 0 ? copyData[0] : null;
        var rows = header is null ? copyData : copyData.Skip(1).ToList();
        if (!s.Parallel)
        {
            return [(s.KeyPrefix + "000", Concat(header, rows))];
        }

        return Enumerable.Range(0, slices)
            .Select(slice => (
                s.KeyPrefix + slice.ToString("0000", CultureInfo.InvariantCulture) + "_part_00",
                Concat(header, rows.Where((_, i) => i % slices == slice))))
            .ToList();
    }

    /// <summary>
    /// Every object whose key begins with the prefix, in key order ("COPY loads every file" matching the
    /// prefix: https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html),
    /// skipping IGNOREHEADER lines of each.
    /// </summary>
    public static byte[] CopyInput(DirectoryS3 s3, CopyStatement s)
    {
        using var input = new MemoryStream();
        foreach (var key in s3.List(s.Bucket, s.KeyPrefix))
        {
            var content = s3.Get(s.Bucket, key);
            var start = 0;
            for (var skipped = 0; skipped < s.IgnoreHeader && start < content.Length; skipped++)
            {
                var newline = Array.IndexOf(content, (byte)'\n', start);
                start = newline < 0 ? content.Length : newline + 1;
            }

            input.Write(content, start, content.Length - start);
            if (content.Length > start && content[^1] != '\n')
            {
                input.WriteByte((byte)'\n');
            }
        }

        return input.ToArray();
    }

    private static string Null(string? nullAs) => nullAs is null ? "" : $", NULL {SqlQuote.Literal(nullAs)}";

    private static byte[] Concat(byte[]? header, IEnumerable<byte[]> rows) =>
        (header is null ? rows : rows.Prepend(header)).SelectMany(r => r).ToArray();
}

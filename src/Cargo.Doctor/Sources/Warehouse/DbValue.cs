using System.Data.Common;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>Reads catalog values the way both Redshift and PostgreSQL return them.</summary>
internal static class DbValue
{
    /// <summary>
    /// Redshift documents has_schema_privilege/has_database_privilege as returning CHAR/VARCHAR
    /// ('t'/'f'), has_table_privilege as BOOLEAN: accept both.
    /// </summary>
    public static bool Flag(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return false;
        }

        // A boolean column is read as one, without boxing it (200,000 tables have four each).
        if (reader.GetFieldType(ordinal) == typeof(bool))
        {
            return reader.GetBoolean(ordinal);
        }

        return reader.GetValue(ordinal) switch
        {
            bool b => b,
            string s => s.Trim().ToLowerInvariant() is "t" or "true" or "1" or "y" or "yes",
            char c => c is 't' or 'T' or '1',
            var other => Convert.ToBoolean(other, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public static string? Text(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null
        : reader.GetFieldType(ordinal) == typeof(string) ? reader.GetString(ordinal)
        : Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}

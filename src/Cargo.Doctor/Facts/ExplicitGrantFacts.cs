namespace Cargo.Doctor.Facts;

/// <summary>
/// Where the Cargo user's privileges in one database come from, as the svv_*_privileges views list
/// them: explicit grants to the user, its roles, its user groups and PUBLIC. The views list explicit
/// grants only and hide rows from most logins, so these explain a privilege, never decide one (the
/// has_*_privilege answers do). Null lists were not read; their gap says why.
/// </summary>
public sealed record ExplicitGrantFacts
{
    /// <summary>svv_database_privileges rows for this database (CREATE, TEMP, TEMPORARY).</summary>
    public IReadOnlyList<ExplicitGrant>? Database { get; init; }

    public Gap? DatabaseGap { get; init; }

    /// <summary>svv_schema_privileges USAGE rows for the configured schemas.</summary>
    public IReadOnlyList<ExplicitGrant>? Schemas { get; init; }

    public Gap? SchemasGap { get; init; }

    /// <summary>svv_relation_privileges counted per schema, privilege and grantee.</summary>
    public IReadOnlyList<TableGrantCount>? Tables { get; init; }

    public Gap? TablesGap { get; init; }
}

/// <summary>One explicit grant of <see cref="Privilege"/> on <see cref="Object"/>; grantee type is user, role, group or public.</summary>
public sealed record ExplicitGrant(string Object, string Privilege, string Grantee, string GranteeType);

/// <summary>
/// On how many tables and views of <see cref="Schema"/> the grantee holds <see cref="Privilege"/>
/// explicitly; grantee type <c>*</c> (grantee empty) counts the tables any grantee that reaches the
/// Cargo user covers. PUBLIC's grantee is empty too (type <c>public</c>).
/// </summary>
public sealed record TableGrantCount(string Schema, string Privilege, string Grantee, string GranteeType, int Tables)
{
    public const string AnyGrantee = "*";
}

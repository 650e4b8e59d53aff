namespace Cargo.Doctor.Facts;

/// <summary>What the warehouse catalog says about the Cargo user, read with set-based queries.</summary>
public sealed record WarehouseFacts
{
    public required string CargoUser { get; init; }

    /// <summary>The user the tool logged in as (the Cargo user unless an admin login was configured).</summary>
    public required string LoginUser { get; init; }

    /// <summary>Whether the login is a superuser: decides what the svv_* views let us see.</summary>
    public bool LoginIsSuperuser { get; init; }

    /// <summary>One entry per configured database, in configuration order.</summary>
    public IReadOnlyList<DatabaseFacts> Databases { get; init; } = [];

    /// <summary>Null when no connection succeeded.</summary>
    public UserFacts? User { get; init; }

    /// <summary>How the server compares the configured schema names; null when no connection succeeded (or older facts).</summary>
    public IdentifierCaseFacts? IdentifierCase { get; init; }

    /// <summary>Null when no connection succeeded.</summary>
    public RbacFacts? Rbac { get; init; }

    /// <summary>ASSUMEROLE on the role chain; null when the chain is not known (no role ARNs) or the user is missing.</summary>
    public AssumeRoleFacts? AssumeRole { get; init; }

    /// <summary>The Cargo user's failed statements of the last days; null when --history-days is 0 or the user is missing.</summary>
    public HistoryFacts? History { get; init; }

    /// <summary>Catalog statements issued (benchmarks assert it does not grow with table count).</summary>
    public int StatementCount { get; init; }
}

public sealed record ConnectionFacts
{
    public required bool Succeeded { get; init; }

    /// <summary>On failure: auth, database-missing, refused, host-not-found, timeout, ssl, other.</summary>
    public string? FailureKind { get; init; }

    public string? FailureMessage { get; init; }

    public string? ServerVersion { get; init; }

    public bool SslInUse { get; init; }

    public bool IsRedshift { get; init; }
}

public sealed record DatabaseFacts
{
    /// <summary>The name as configured: the identity of this database in reports, baselines and diffs.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The spelling pg_database holds for <see cref="Name"/> when it differs only by ASCII case (Redshift
    /// folds names to lower case: https://docs.aws.amazon.com/redshift/latest/dg/r_names.html); null when
    /// the same or not known. Fixes name this spelling: it is the object that exists.
    /// </summary>
    public string? StoredName { get; init; }

    /// <summary>Databases whose names equal <see cref="Name"/> but for ASCII case (a missing database's "did you mean").</summary>
    public IReadOnlyList<string> OtherSpellings { get; init; } = [];

    /// <summary>The name the server's catalog holds: <see cref="StoredName"/> when known, else <see cref="Name"/>.</summary>
    public string CatalogName => StoredName ?? Name;

    public required ConnectionFacts Connection { get; init; }

    /// <summary>has_database_privilege(user, db, 'CREATE'): Cargo creates its own schemas.</summary>
    public bool? CanCreate { get; init; }

    public bool? CanTemp { get; init; }

    public IReadOnlyList<SchemaFacts> Schemas { get; init; } = [];

    public IReadOnlyList<TablePrivilegeFacts> Tables { get; init; } = [];

    /// <summary>Default privileges and scoped permissions that will cover tables created later.</summary>
    public IReadOnlyList<FutureGrantFacts> FutureGrants { get; init; } = [];

    /// <summary>Set when the privilege queries could not run (the rules report unknown).</summary>
    public Gap? PrivilegesGap { get; init; }

    public Gap? FutureGrantsGap { get; init; }

    /// <summary>Set when CREATE/TEMP could not be read (db.database-privileges reports unknown; other checks stand).</summary>
    public Gap? DatabasePrivilegesGap { get; init; }

    /// <summary>Set when the table privileges could not be read (db.table-grants reports unknown; schemas stand).</summary>
    public Gap? TablesGap { get; init; }

    /// <summary>How has_table_privilege found the tables: <c>oid</c>, or <c>name</c> when the server rejected the oid form.</summary>
    public string? TablePrivilegeLookup { get; init; }

    /// <summary>What limited the table read without stopping it (fallbacks, unreadable system views).</summary>
    public IReadOnlyList<string> TableReadNotes { get; init; } = [];

    /// <summary>Explicit grants that explain the privileges ("granted via"); null when not read.</summary>
    public ExplicitGrantFacts? ExplicitGrants { get; init; }
}

public sealed record SchemaFacts
{
    public required string Name { get; init; }

    /// <summary>True when Cargo only reads this schema: tables need SELECT only.</summary>
    public bool ReadOnly { get; init; }

    public bool Exists { get; init; }

    public bool Usage { get; init; }

    /// <summary>
    /// False when the login (not necessarily the Cargo user) has no USAGE on the schema: its
    /// tables could not be examined.
    /// </summary>
    public bool TablesExamined { get; init; } = true;

    public string? Owner { get; init; }

    /// <summary>Existing schemas whose name differs only in case (for "did you mean").</summary>
    public IReadOnlyList<string> SimilarNames { get; init; } = [];
}

/// <summary>
/// The Cargo user's effective privileges on one table or view (has_table_privilege). Kind is
/// <c>table</c>, <c>view</c> or <c>materialized view</c>; <see cref="Unreadable"/> says why the
/// privileges of this one table could not be read (the flags are then meaningless).
/// </summary>
public sealed record TablePrivilegeFacts(
    string Schema,
    string Name,
    string Kind,
    string? Owner,
    bool Select,
    bool Insert,
    bool Update,
    bool Delete,
    Gap? Unreadable = null);

/// <summary>
/// One privilege that applies to tables created later in a schema: a default privilege
/// (<see cref="Source"/> = <c>default</c>, applies only to tables created by <see cref="Owner"/>)
/// or a scoped permission (<c>scoped</c>, any creator). A null schema means every schema.
/// </summary>
public sealed record FutureGrantFacts(
    string? Schema,
    string? Owner,
    string Privilege,
    string Grantee,
    string GranteeType,
    string Source);

public sealed record UserFacts
{
    public required bool Exists { get; init; }

    public bool IsSuperuser { get; init; }
}

/// <summary>The function-creation role and how it reaches the Cargo user.</summary>
public sealed record RbacFacts
{
    public required string FunctionRole { get; init; }

    public bool RoleExists { get; init; }

    /// <summary>Roles whose name differs from the function role's only in case (when it does not exist as written).</summary>
    public IReadOnlyList<string> RoleSimilarNames { get; init; } = [];

    /// <summary>System privileges held by roles the login can see; null when none could be read.</summary>
    public IReadOnlyList<RolePrivilege>? RolePrivileges { get; init; }

    public Gap? RolePrivilegesGap { get; init; }

    /// <summary>Every role that reaches the Cargo user, directly or nested, with the path to it.</summary>
    public IReadOnlyList<RoleMembership> UserRoles { get; init; } = [];

    public Gap? Gap { get; init; }

    /// <summary>How the function role reaches the Cargo user; null when it does not.</summary>
    public RoleMembership? FunctionRoleMembership() => UserRoles.FirstOrDefault(m => m.Role == FunctionRole);

    /// <summary>Roles seen holding CREATE OR REPLACE FUNCTION; null when privileges could not be read.</summary>
    public IReadOnlySet<string>? FunctionPrivilegeHolders() =>
        RolePrivileges?.Where(p => IsFunctionPrivilege(p.Privilege)).Select(p => p.Role).ToHashSet(StringComparer.Ordinal);

    /// <summary>Redshift's exact spelling in svv_system_privileges is unconfirmed: compare loosely.</summary>
    public static bool IsFunctionPrivilege(string privilege) => IsPrivilege(privilege, "CREATE OR REPLACE FUNCTION");

    /// <summary>Every role the login itself holds, with the path to it: their system permissions are visible to it.</summary>
    public IReadOnlyList<RoleMembership> LoginRoles { get; init; } = [];

    /// <summary>The Cargo user's user groups (pg_group); null when they could not be read.</summary>
    public IReadOnlyList<string>? CargoUserGroups { get; init; }

    public Gap? CargoUserGroupsGap { get; init; }

    /// <summary>
    /// The role through which the login holds ACCESS SYSTEM TABLE, which shows it every row of the
    /// svv_* grant views; null when none is seen (a superuser login needs none).
    /// </summary>
    public RoleMembership? LoginSystemTableAccess() =>
        LoginRoles.FirstOrDefault(m => RolePrivileges?.Any(p => p.Role == m.Role && IsPrivilege(p.Privilege, "ACCESS SYSTEM TABLE")) == true);

    private static bool IsPrivilege(string privilege, string expected) =>
        string.Join(' ', privilege.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Equals(expected, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A system privilege (e.g. <c>CREATE OR REPLACE FUNCTION</c>) held by a role.</summary>
public sealed record RolePrivilege(string Role, string Privilege);

/// <summary>A role the Cargo user holds; <see cref="Path"/> runs from the user to the role.</summary>
public sealed record RoleMembership(string Role, IReadOnlyList<string> Path);

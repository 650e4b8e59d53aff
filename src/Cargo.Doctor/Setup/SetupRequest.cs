using Cargo.Doctor.Config;

namespace Cargo.Doctor.Setup;

/// <summary>
/// What <c>cargo-doctor setup</c> writes the setup for: the merged configuration (the same flags and
/// config file as <c>check</c>) plus the name of the IAM role to create in the customer's account.
/// </summary>
public sealed record SetupRequest(DoctorConfig Config, string CustomerRoleName)
{
    public const string DefaultCustomerRoleName = "cargo-redshift-access";

    /// <summary>The role name a request uses: the flag, else the name in <c>--role-arn</c>, else the default.</summary>
    public static string RoleNameFrom(string? customerRoleName, string? roleArn) =>
        customerRoleName ?? (roleArn is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : DefaultCustomerRoleName);

    /// <summary>A workgroup makes it Serverless: the role must trust redshift-serverless.amazonaws.com too.</summary>
    public bool IsServerless => Config.Aws.IsServerless;

    /// <summary>Each database with the schemas configured in it, in configuration order.</summary>
    public IReadOnlyList<(string Database, IReadOnlyList<SchemaTarget> Schemas)> Databases =>
        Config.Warehouse.AllDatabases
            .Select(db => (db, (IReadOnlyList<SchemaTarget>)Config.Warehouse.Schemas.Where(s => s.Database == db).ToList()))
            .ToList();
}

using Cargo.Doctor.AwsApi.Partitions;
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

    /// <summary>
    /// The customer role's ARN with the account left to fill in, in the region's partition (<c>arn:aws-cn:</c> in
    /// China, <c>arn:aws-us-gov:</c> in GovCloud: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html);
    /// <c>aws</c> when no region is given.
    /// </summary>
    public string CustomerRoleArnPlaceholder =>
        $"arn:{(Config.Aws.Region is { Length: > 0 } region ? AwsPartition.ForRegion(region).Name : "aws")}:iam::<your_account_id>:role/{CustomerRoleName}";

    /// <summary>A workgroup makes it Serverless: the role must trust redshift-serverless.amazonaws.com too.</summary>
    public bool IsServerless => Config.Aws.IsServerless;

    /// <summary>Each database with the schemas configured in it, in configuration order.</summary>
    public IReadOnlyList<(string Database, IReadOnlyList<SchemaTarget> Schemas)> Databases =>
        Config.Warehouse.AllDatabases
            .Select(db => (db, (IReadOnlyList<SchemaTarget>)Config.Warehouse.Schemas.Where(s => s.Database == db).ToList()))
            .ToList();
}

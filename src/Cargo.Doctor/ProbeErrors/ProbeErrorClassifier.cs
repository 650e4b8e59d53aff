using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.ProbeErrors;

/// <summary>
/// Maps the error texts Redshift documents for COPY/UNLOAD, schema and function creation (see
/// https://docs.aws.amazon.com/redshift/latest/dg/s3serviceexception-error.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html (ASSUMEROLE usage notes),
/// https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html and
/// https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-security-other-services.html) to a cause
/// with its own explanation and fix.
/// First match wins: the specific S3 texts come before the generic access denied.
/// </summary>
public static partial class ProbeErrorClassifier
{
    public const string OtherRemediation = "other";

    public static IReadOnlyList<ProbeErrorPattern> Table { get; } =
    [
        new(RoleNotAuthorizedText(), ProbeErrorCause.RoleNotAuthorized, "role-not-authorized",
            "Redshift could not assume the IAM role: on a provisioned cluster this one error means the role is not attached to the cluster, its trust policy does not let Redshift assume it, or an sts:ExternalId condition does not list the Cargo user's database user ARN"),
        new(ServerlessCredentialsText(), ProbeErrorCause.ServerlessCredentials, "serverless-trust",
            "Redshift Serverless could not get credentials for the role: its trust policy must trust both redshift.amazonaws.com and redshift-serverless.amazonaws.com (an aws:SourceArn condition can also cause this)"),
        new(AssumeRolePermissionText(), ProbeErrorCause.AssumeRolePermission, "grant-assumerole",
            "ASSUMEROLE control is switched on in this warehouse and the Cargo user was not granted ASSUMEROLE on the role chain for COPY and UNLOAD"),
        new(WrongRegionText(), ProbeErrorCause.WrongRegion, "bucket-region",
            "Cargo's bucket is in another AWS region than the warehouse and the statement named no REGION (or the wrong one)"),
        new(BucketMissingText(), ProbeErrorCause.BucketMissing, "bucket-missing",
            "Cargo's bucket does not exist: the bucket name given to cargo-doctor is wrong"),
        new(S3AccessDeniedText(), ProbeErrorCause.S3AccessDenied, "cargo-s3-access",
            "both roles were assumed, but S3 refused Cargo's role access to the bucket: this is on Cargo's side (Cargo's role policy or bucket policy), not in your account"),
        new(DestinationNotEmptyText(), ProbeErrorCause.DestinationNotEmpty, "destination-not-empty",
            "the S3 folder of this run already holds files (UNLOAD does not overwrite)"),
        new(DatabasePermissionText(), ProbeErrorCause.DatabaseCreatePermission, "grant-database",
            "the Cargo user has no CREATE privilege on the database, so it cannot create its own schemas"),
        new(CreateFunctionText(), ProbeErrorCause.CreateFunctionPermission, "grant-function-role",
            "the Cargo user does not hold the CREATE OR REPLACE FUNCTION system permission (through a role)"),
        new(SchemaPermissionText(), ProbeErrorCause.SchemaPermission, "schema-permission",
            "permission denied on a schema"),
        new(RelationPermissionText(), ProbeErrorCause.RelationPermission, "relation-permission",
            "permission denied on a table"),
        new(FunctionPermissionText(), ProbeErrorCause.FunctionPermission, "function-permission",
            "permission denied on a function"),
    ];

    public static ProbeErrorCause Classify(string message) =>
        Table.FirstOrDefault(p => p.Pattern.IsMatch(message))?.Cause ?? ProbeErrorCause.Unclassified;

    /// <summary>The table row for a cause; null for Unclassified (and for RoundTripMismatch, ConnectionLost and TimedOut, which no error text maps to).</summary>
    public static ProbeErrorPattern? Describe(ProbeErrorCause cause) => Table.FirstOrDefault(p => p.Cause == cause);

    /// <summary>The role ARN an assume-role error names (it tells which hop of the chain failed).</summary>
    public static string? NamedRole(string message)
    {
        var match = NamedRoleText().Match(message);
        return match.Success ? match.Groups["arn"].Value.TrimEnd('.', ',', '"') : null;
    }

    [GeneratedRegex(@"is not authorized to assume IAM Role", RegexOptions.IgnoreCase)]
    private static partial Regex RoleNotAuthorizedText();

    [GeneratedRegex(@"Not authorized to get credentials of role", RegexOptions.IgnoreCase)]
    private static partial Regex ServerlessCredentialsText();

    [GeneratedRegex(@"does not have ASSUMEROLE permission on IAM role", RegexOptions.IgnoreCase)]
    private static partial Regex AssumeRolePermissionText();

    [GeneratedRegex(@"must be addressed using the specified endpoint|Error PermanentRedirect", RegexOptions.IgnoreCase)]
    private static partial Regex WrongRegionText();

    [GeneratedRegex(@"The specified bucket does not exist|Error NoSuchBucket", RegexOptions.IgnoreCase)]
    private static partial Regex BucketMissingText();

    [GeneratedRegex(@"S3ServiceException:\s*Access Denied|Error AccessDenied", RegexOptions.IgnoreCase)]
    private static partial Regex S3AccessDeniedText();

    [GeneratedRegex(@"unload destination on S3 is not empty", RegexOptions.IgnoreCase)]
    private static partial Regex DestinationNotEmptyText();

    [GeneratedRegex(@"permission denied for database", RegexOptions.IgnoreCase)]
    private static partial Regex DatabasePermissionText();

    [GeneratedRegex(@"permission denied to create function", RegexOptions.IgnoreCase)]
    private static partial Regex CreateFunctionText();

    [GeneratedRegex(@"permission denied for schema", RegexOptions.IgnoreCase)]
    private static partial Regex SchemaPermissionText();

    [GeneratedRegex(@"permission denied for (relation|table)", RegexOptions.IgnoreCase)]
    private static partial Regex RelationPermissionText();

    [GeneratedRegex(@"permission denied for function", RegexOptions.IgnoreCase)]
    private static partial Regex FunctionPermissionText();

    [GeneratedRegex(@"(?:IAM Role|credentials of role|on IAM role)\s+""?(?<arn>arn:aws[a-z-]*:iam::\d{12}:role/[^\s"",]+)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedRoleText();
}

using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.ProbeErrors;

/// <summary>
/// The one classifier of error texts, shared by the probes, the warehouse's error history and
/// <c>diagnose</c>: each Redshift, IAM, STS or S3 text maps to a cause, the checks that explain it (or
/// none: not a setup problem) and the catalog fix. Each row cites its page; a row whose text no page
/// quotes is marked unconfirmed (<see cref="ProbeErrorPattern.Confirmed"/>) and reported as the likely
/// cause. First match wins: the specific texts come before the generic ones, data errors last.
/// </summary>
public static partial class ProbeErrorClassifier
{
    public const string OtherRemediation = "other";

    /// <summary>What the history section and <c>diagnose --format json</c> print for a text that is not a setup problem.</summary>
    public const string NotSetupCause = "not-setup";

    private const string InsufficientPrivilege = "42501";

    // The pages the rows cite.
    private const string AuthorizingRedshift = "https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html";
    private const string ServerlessOtherServices = "https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-security-other-services.html";
    private const string GrantUsageNotes = "https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html";
    private const string S3ServiceException = "https://docs.aws.amazon.com/redshift/latest/dg/s3serviceexception-error.html";
    private const string S3ErrorResponses = "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html";
    private const string Unload = "https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html";
    private const string DatabaseGrant = "https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html";
    private const string SystemPermissions = "https://docs.aws.amazon.com/redshift/latest/dg/r_roles-system-privileges.html";
    private const string UdfSecurity = "https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html";
    private const string SchemaPrivileges = "https://docs.aws.amazon.com/redshift/latest/dg/r_Schemas_and_tables-schema-based-privileges.html";
    private const string GrantExamples = "https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-examples.html";
    private const string ConnectionRefusal = "https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-refusal-failure-issues.html";
    private const string PostgresAuthProblems = "https://www.postgresql.org/docs/12/client-authentication-problems.html";
    private const string CreateUser = "https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html";
    private const string AccessDeniedMessages = "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html";
    private const string StsRegionDisabledPage = "https://docs.aws.amazon.com/botocore/latest/reference/services/sts/client/exceptions/RegionDisabledException.html";
    private const string IamNoSuchEntity = "https://docs.aws.amazon.com/botocore/latest/reference/services/iam/client/exceptions/NoSuchEntityException.html";
    private const string LoadErrors = "https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html";
    private const string StlLoadErrors = "https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html";

    private const string CopyProbe = "probe.copy-round-trip";

    public static IReadOnlyList<ProbeErrorPattern> Table { get; } =
    [
        // Text from public logs (the facts file, section 3); the three causes: AuthorizingRedshift.
        new(RoleNotAuthorizedText(), ProbeErrorCause.RoleNotAuthorized, "role-not-authorized",
            "Redshift could not assume the IAM role: on a provisioned cluster this one error means the role is not attached to the cluster, its trust policy does not let Redshift assume it, or an sts:ExternalId condition does not list the Cargo user's database user ARN; when it names Cargo's role, your role may not assume it")
        {
            Checks = ["iam.role-attached", "iam.trust-policy", "iam.assume-cargo-role"], Page = AuthorizingRedshift, Confirmed = false,
            Fix = new(CopyProbe, "role-not-authorized"),
        },

        // Text from public logs; the principals: ServerlessOtherServices.
        new(ServerlessCredentialsText(), ProbeErrorCause.ServerlessCredentials, "serverless-trust",
            "Redshift Serverless could not get credentials for the role: its trust policy must trust both redshift.amazonaws.com and redshift-serverless.amazonaws.com (an aws:SourceArn condition can also cause this)")
        {
            Checks = ["iam.trust-policy", "iam.assume-cargo-role"], Page = ServerlessOtherServices, Confirmed = false,
            Fix = new(CopyProbe, "serverless-trust"),
        },

        // The rule is on GrantUsageNotes; this wording is on no page (searched 2026-12-06).
        new(AssumeRolePermissionText(), ProbeErrorCause.AssumeRolePermission, "grant-assumerole",
            "ASSUMEROLE control is switched on in this warehouse and the Cargo user was not granted ASSUMEROLE on the role chain for COPY and UNLOAD")
        {
            Checks = ["db.assume-role-privilege"], Page = GrantUsageNotes, Confirmed = false,
            Fix = new("db.assume-role-privilege", "grant-assumerole"),
        },

        // Quoted on S3ServiceException ("...must be addressed using the specified endpoint"); PermanentRedirect: S3ErrorResponses.
        new(WrongRegionText(), ProbeErrorCause.WrongRegion, "bucket-region",
            "Cargo's bucket is in another AWS region than the warehouse and the statement named no REGION (or the wrong one)")
        {
            Checks = [CopyProbe], Page = S3ServiceException, Fix = new(CopyProbe, "bucket-region"),
        },

        // NoSuchBucket, "The specified bucket does not exist.": S3ErrorResponses (the S3ServiceException wrapping: public logs).
        new(BucketMissingText(), ProbeErrorCause.BucketMissing, "bucket-missing",
            "Cargo's bucket does not exist: the bucket name given to cargo-doctor is wrong")
        {
            Checks = [CopyProbe], Page = S3ErrorResponses, Fix = new(CopyProbe, "bucket-missing"),
        },

        // Quoted on S3ServiceException ("S3ServiceException:Access Denied,Status 403,Error AccessDenied").
        new(S3AccessDeniedText(), ProbeErrorCause.S3AccessDenied, "cargo-s3-access",
            "both roles were assumed, but S3 refused Cargo's role access to the bucket: this is on Cargo's side (Cargo's role policy or bucket policy), not in your account, unless an S3 VPC endpoint policy of your warehouse's VPC refuses the bucket")
        {
            Checks = [CopyProbe], Page = S3ServiceException, Fix = new(CopyProbe, "cargo-s3-access"),
        },

        // Wording from public emulators, on no AWS page; the rule (ALLOWOVERWRITE): Unload.
        // Not a setup problem: the target prefix already holds files (the errtexts table, rs-unload-destination-not-empty).
        new(DestinationNotEmptyText(), ProbeErrorCause.DestinationNotEmpty, "destination-not-empty",
            "the S3 folder already holds files (UNLOAD does not overwrite without ALLOWOVERWRITE): not a setup problem")
        {
            Checks = [], Page = Unload, Confirmed = false,
        },

        // Key-based access (CREDENTIALS / ACCESS_KEY_ID), which Cargo's IAM_ROLE chain does not use: the statement's
        // authorization is wrong. "Invalid credentials. Must be of the format: credentials ...", "The AWS Access Key Id you
        // provided does not exist in our records", "The request signature we calculated does not match": S3ServiceException;
        // the codes InvalidAccessKeyId and SignatureDoesNotMatch: S3ErrorResponses.
        new(KeyCredentialsText(), ProbeErrorCause.KeyCredentials, OtherRemediation,
            "the statement used key-based S3 credentials (not Cargo's IAM role chain) and they are malformed or wrong")
        {
            Checks = [CopyProbe], Page = S3ServiceException, Fix = new(CopyProbe, OtherRemediation),
        },

        // "The specified bucket exists in another Region" (IncorrectEndpoint), IllegalLocationConstraintException and
        // AuthorizationHeaderMalformed (a request signed for another region): S3ErrorResponses. Fix: REGION.
        new(OtherRegionCodeText(), ProbeErrorCause.WrongRegion, "bucket-region",
            "Cargo's bucket is in another AWS region than the request addressed: the statement needs REGION with the bucket's region")
        {
            Checks = [CopyProbe], Page = S3ErrorResponses, Fix = new(CopyProbe, "bucket-region"),
        },

        // InvalidBucketName, "The specified bucket is not valid.": S3ErrorResponses.
        new(InvalidBucketNameText(), ProbeErrorCause.BucketMissing, "bucket-missing",
            "the bucket name is not a valid S3 bucket name: the bucket name given to cargo-doctor is wrong")
        {
            Checks = [CopyProbe], Page = S3ErrorResponses, Fix = new(CopyProbe, "bucket-missing"),
        },

        // AllAccessDisabled ("All access to this Amazon S3 resource has been disabled"): S3ErrorResponses. Cargo's bucket: Cargo's side.
        new(AllAccessDisabledText(), ProbeErrorCause.S3AccessDenied, "cargo-s3-access",
            "all access to Cargo's bucket has been disabled: this is on Cargo's side")
        {
            Checks = [CopyProbe], Page = S3ErrorResponses, Fix = new(CopyProbe, "cargo-s3-access"),
        },

        // KMS.DisabledException, KMS.NotFoundException, KMS.KMSInvalidStateException: S3ErrorResponses. How COPY/UNLOAD
        // relay them is on no Redshift page; for Cargo's bucket the key is Cargo's.
        new(KmsText(), ProbeErrorCause.KmsRefused, OtherRemediation,
            "KMS refused the encryption key of the bucket or statement (disabled, not found, or pending deletion): for Cargo's bucket this is on Cargo's side")
        {
            Checks = [CopyProbe], Page = S3ErrorResponses, Fix = new(CopyProbe, OtherRemediation),
        },

        // STS's AccessDenied for AssumeRole ("User: ... is not authorized to perform: sts:AssumeRole on resource: ..."): AccessDeniedMessages.
        new(StsAssumeRoleDeniedText(), ProbeErrorCause.StsAssumeRoleDenied, "add-permission",
            "STS refused sts:AssumeRole: the caller's permission policy does not allow it on that role, or the role's trust policy does not trust the caller")
        {
            Checks = ["iam.assume-cargo-role", "iam.trust-policy"], Page = AccessDeniedMessages, Fix = new("iam.assume-cargo-role", "add-permission"),
        },

        // RegionDisabledException's description: StsRegionDisabledPage. No check reads the account's STS regions.
        new(StsRegionDisabledText(), ProbeErrorCause.StsRegionDisabled, OtherRemediation,
            "STS is not activated in the region for the account asked for credentials: the account administrator activates it in the IAM console")
        {
            Checks = [CopyProbe], Page = StsRegionDisabledPage, Fix = new(CopyProbe, OtherRemediation),
        },

        // NoSuchEntity: IamNoSuchEntity; "The role with name ... cannot be found." is the wording seen in practice (UNCONFIRMED).
        new(RoleMissingText(), ProbeErrorCause.RoleMissing, "create-role",
            "the IAM role named does not exist: the role ARN given is wrong, or the role was deleted")
        {
            Checks = ["iam.trust-policy", "iam.role-attached"], Page = IamNoSuchEntity, Confirmed = false, Fix = new("iam.trust-policy", "create-role"),
        },

        // 42501 texts below are PostgreSQL's (Redshift's leader node is PostgreSQL-based); no Redshift page quotes
        // them: UNCONFIRMED wording, matched on SQLSTATE 42501 when the caller has one. The rules: the cited pages.
        new(DatabasePermissionText(), ProbeErrorCause.DatabaseCreatePermission, "grant-database",
            "the Cargo user has no CREATE privilege on the database, so it cannot create its own schemas")
        {
            Checks = ["db.database-privileges"], Page = DatabaseGrant, Confirmed = false, SqlState = InsufficientPrivilege,
            Fix = new("db.database-privileges", "grant-database"),
        },
        new(CreateFunctionText(), ProbeErrorCause.CreateFunctionPermission, "grant-function-role",
            "the Cargo user may not create the function: CREATE FUNCTION needs a superuser, the CREATE OR REPLACE FUNCTION system permission (through a role), or USAGE ON LANGUAGE for the function's language (PUBLIC holds it on sql by default, so someone revoked it)")
        {
            Checks = ["db.function-role", "probe.function-create"], Page = SystemPermissions, Confirmed = false, SqlState = InsufficientPrivilege,
            Fix = new("probe.function-create", "grant-function-role"),
        },
        // "By default, USAGE ON LANGUAGE SQL is granted to PUBLIC" (UdfSecurity); the refusal's text is PostgreSQL's.
        new(LanguagePermissionText(), ProbeErrorCause.CreateFunctionPermission, "grant-function-role",
            "the Cargo user may not create the function: it has no USAGE on the function's language (PUBLIC holds USAGE ON LANGUAGE sql by default, so it was revoked) and neither the CREATE OR REPLACE FUNCTION system permission (through a role) nor superuser")
        {
            Checks = ["db.function-role", "probe.function-create"], Page = UdfSecurity, Confirmed = false, SqlState = InsufficientPrivilege,
            Fix = new("probe.function-create", "grant-function-role"),
        },
        // TEMP comes from PUBLIC by default (DatabaseGrant): refused only after an admin revoked it.
        new(TempPermissionText(), ProbeErrorCause.DatabaseCreatePermission, "grant-database",
            "the Cargo user may not create temporary tables in the database (TEMP, PUBLIC's by default, was revoked)")
        {
            Checks = ["db.database-privileges"], Page = DatabaseGrant, Confirmed = false, SqlState = InsufficientPrivilege,
            Fix = new("db.database-privileges", "grant-database"),
        },
        new(SchemaPermissionText(), ProbeErrorCause.SchemaPermission, "schema-permission",
            "permission denied on a schema: the user has no USAGE (or no CREATE) on it")
        {
            Checks = ["db.schema-usage"], Page = SchemaPrivileges, Confirmed = false, SqlState = InsufficientPrivilege,
            Fix = new("db.schema-usage", "grant-usage"),
        },
        // Quoted on GrantExamples: "ERROR: permission denied for relation test [SQL State=42501]".
        new(RelationPermissionText(), ProbeErrorCause.RelationPermission, "relation-permission",
            "permission denied on a table: the user lacks SELECT, INSERT, UPDATE or DELETE on it")
        {
            Checks = ["db.table-grants", "db.future-grants"], Page = GrantExamples, SqlState = InsufficientPrivilege,
            Fix = new("db.table-grants", "grant-tables"),
        },
        new(FunctionPermissionText(), ProbeErrorCause.FunctionPermission, "function-permission",
            "permission denied on a function: the user has no EXECUTE on it")
        {
            Checks = ["probe.function-create"], Page = DatabaseGrant, Confirmed = false, SqlState = InsufficientPrivilege,
            Fix = new("probe.function-create", "function-permission"),
        },

        // Client texts quoted under "Example errors" on ConnectionRefusal, which sends them to the ingress rules.
        new(ConnectionBlockedText(), ProbeErrorCause.ConnectionBlocked, "authorize-ipv4",
            "the connection attempt got no answer: a security group without an inbound rule for Cargo's IPs, or a warehouse that is not publicly accessible")
        {
            Checks = ["net.ingress", "net.publicly-accessible"], Page = ConnectionRefusal, Fix = new("net.ingress", "authorize-ipv4"),
        },
        new(ConnectionRefusedText(), ProbeErrorCause.ConnectionRefused, "refused",
            "something answered and refused the connection: usually a wrong host or port")
        {
            Checks = ["db.connect", "net.ingress"], Page = ConnectionRefusal, Fix = new("db.connect", "refused"),
        },

        // Login refusals: quoted on PostgreSQL's PostgresAuthProblems page (Redshift speaks its protocol); no Redshift
        // page prints them, so their wording on Redshift is UNCONFIRMED (SQLSTATEs 28P01, 28000, 3D000, 53300).
        new(LoginFailedText(), ProbeErrorCause.LoginFailed, "auth",
            "the warehouse refused the user name or password")
        {
            Checks = ["db.connect", "db.user-exists"], Page = PostgresAuthProblems, Confirmed = false, SqlState = "28P01",
            Fix = new("db.connect", "auth"),
        },
        new(UserMissingText(), ProbeErrorCause.UserMissing, "create-user",
            "the user named in the connection does not exist on this warehouse")
        {
            Checks = ["db.user-exists"], Page = PostgresAuthProblems, Confirmed = false, SqlState = "28000",
            Fix = new("db.user-exists", "create-user"),
        },
        new(DatabaseMissingText(), ProbeErrorCause.DatabaseMissing, "database-missing",
            "the database named in the connection does not exist on this warehouse")
        {
            Checks = ["db.connect"], Page = PostgresAuthProblems, Confirmed = false, SqlState = "3D000",
            Fix = new("db.connect", "database-missing"),
        },
        // On Redshift, what a connection without SSL gets when require_SSL is true
        // (https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html).
        new(NoHbaEntryText(), ProbeErrorCause.SslRequired, "ssl",
            "the warehouse refused a connection without SSL (require_SSL is on): connect with SSL")
        {
            Checks = ["db.connect"], Page = PostgresAuthProblems, Confirmed = false, SqlState = "28000",
            Fix = new("db.connect", "ssl"),
        },
        // CONNECTION LIMIT: CreateUser; the wording is PostgreSQL's (UNCONFIRMED).
        new(ConnectionLimitText(), ProbeErrorCause.ConnectionLimit, OtherRemediation,
            "the user's CONNECTION LIMIT is used up: raise it (ALTER USER ... CONNECTION LIMIT) or close idle sessions")
        {
            Checks = ["db.connect"], Page = CreateUser, Confirmed = false, SqlState = "53300",
            Fix = new("db.connect", OtherRemediation),
        },

        // S3 answers no setup change fixes: NoSuchKey, TemporaryRedirect, SlowDown, ServiceUnavailable, InternalError,
        // RequestTimeTooSkewed, ExpiredToken (S3ErrorResponses; with role chaining a session lasts at most an hour).
        new(S3NotSetupText(), ProbeErrorCause.S3NotSetup, OtherRemediation,
            "S3 answered with an error no setup change fixes (a missing object, throttling, a transient or clock error, an expired session): retry")
        {
            Checks = [], Page = S3ErrorResponses,
        },

        // Data errors of a load: not a setup problem. The err_reason descriptions are quoted from LoadErrors;
        // COPY's own message pointing at STL_LOAD_ERRORS (StlLoadErrors) is from public logs.
        new(LoadErrorReasonText(), ProbeErrorCause.DataError, OtherRemediation,
            "a data error in the rows loaded (format, type or range of a value): not a setup problem")
        {
            Checks = [], Page = LoadErrors,
        },
        new(LoadFailedText(), ProbeErrorCause.DataError, OtherRemediation,
            "COPY rejected rows of the file (STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL has the reason): a data error, not a setup problem")
        {
            Checks = [], Page = StlLoadErrors, Confirmed = false,
        },
    ];

    public static ProbeErrorCause Classify(string message, string? sqlState = null) =>
        Match(message, sqlState)?.Cause ?? ProbeErrorCause.Unclassified;

    /// <summary>
    /// The row that explains the message; null when none does. A known SQLSTATE must agree with the
    /// row's (history rows have none and are matched on text alone).
    /// </summary>
    public static ProbeErrorPattern? Match(string message, string? sqlState = null) =>
        Table.FirstOrDefault(p => p.Pattern.IsMatch(message) && (sqlState is null || p.SqlState is null || p.SqlState == sqlState));

    /// <summary>Every row explaining some line of a log (each line classified on its own, first match per line), in table order.</summary>
    public static IReadOnlyList<ProbeErrorPattern> MatchLines(string text) =>
        text.Split('\n').Select(line => Match(line.TrimEnd('\r'))).OfType<ProbeErrorPattern>().Distinct().OrderBy(p => IndexOf(p)).ToList();

    /// <summary>The table row for a cause; null for Unclassified (and for RoundTripMismatch, ConnectionLost and TimedOut, which no error text maps to).</summary>
    public static ProbeErrorPattern? Describe(ProbeErrorCause cause) => Table.FirstOrDefault(p => p.Cause == cause);

    /// <summary>The role ARN an assume-role error names (it tells which hop of the chain failed).</summary>
    public static string? NamedRole(string message)
    {
        var match = NamedRoleText().Match(message);
        return match.Success ? match.Groups["arn"].Value.TrimEnd('.', ',', '"') : null;
    }

    private static int IndexOf(ProbeErrorPattern pattern)
    {
        for (var i = 0; i < Table.Count; i++)
        {
            if (ReferenceEquals(Table[i], pattern))
            {
                return i;
            }
        }

        return -1;
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

    [GeneratedRegex(@"S3ServiceException:\s*Access Denied|Status 403,\s*Error AccessDenied|<Code>AccessDenied</Code>", RegexOptions.IgnoreCase)]
    private static partial Regex S3AccessDeniedText();

    [GeneratedRegex(@"unload destination on S3 is not empty", RegexOptions.IgnoreCase)]
    private static partial Regex DestinationNotEmptyText();

    [GeneratedRegex(@"Invalid credentials\. Must be of the format|Access Key Id you provided does not exist|request signature (we|that the server) calculated does not match|InvalidAccessKeyId|SignatureDoesNotMatch", RegexOptions.IgnoreCase)]
    private static partial Regex KeyCredentialsText();

    [GeneratedRegex(@"exists in another Region|IncorrectEndpoint|IllegalLocationConstraintException|AuthorizationHeaderMalformed", RegexOptions.IgnoreCase)]
    private static partial Regex OtherRegionCodeText();

    [GeneratedRegex(@"InvalidBucketName|The specified bucket is not valid", RegexOptions.IgnoreCase)]
    private static partial Regex InvalidBucketNameText();

    [GeneratedRegex(@"AllAccessDisabled|All access to this Amazon S3 resource has been disabled", RegexOptions.IgnoreCase)]
    private static partial Regex AllAccessDisabledText();

    [GeneratedRegex(@"KMS\.(DisabledException|NotFoundException|KMSInvalidStateException)", RegexOptions.IgnoreCase)]
    private static partial Regex KmsText();

    [GeneratedRegex(@"STS is not activated in the requested region|RegionDisabledException", RegexOptions.IgnoreCase)]
    private static partial Regex StsRegionDisabledText();

    [GeneratedRegex(@"The role with name \S+ cannot be found|\(NoSuchEntity\)", RegexOptions.IgnoreCase)]
    private static partial Regex RoleMissingText();

    [GeneratedRegex(@"permission denied to create temporary tables", RegexOptions.IgnoreCase)]
    private static partial Regex TempPermissionText();

    [GeneratedRegex(@"Failed to establish a connection to|Connection timed out", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionBlockedText();

    [GeneratedRegex(@"Connection refused", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionRefusedText();

    [GeneratedRegex(@"user ""[^""]*"" does not exist", RegexOptions.IgnoreCase)]
    private static partial Regex UserMissingText();

    [GeneratedRegex(@"no pg_hba\.conf entry for host", RegexOptions.IgnoreCase)]
    private static partial Regex NoHbaEntryText();

    [GeneratedRegex(@"too many connections for role", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionLimitText();

    [GeneratedRegex(@"<Code>(NoSuchKey|TemporaryRedirect|SlowDown|ServiceUnavailable|InternalError|RequestTimeTooSkewed|ExpiredToken)</Code>|Error (NoSuchKey|SlowDown|ServiceUnavailable|RequestTimeTooSkewed|ExpiredToken)\b", RegexOptions.IgnoreCase)]
    private static partial Regex S3NotSetupText();

    [GeneratedRegex(@"is not authorized to perform:?\s*sts:AssumeRole", RegexOptions.IgnoreCase)]
    private static partial Regex StsAssumeRoleDeniedText();

    [GeneratedRegex(@"permission denied for database", RegexOptions.IgnoreCase)]
    private static partial Regex DatabasePermissionText();

    [GeneratedRegex(@"permission denied to create function", RegexOptions.IgnoreCase)]
    private static partial Regex CreateFunctionText();

    [GeneratedRegex(@"permission denied for language", RegexOptions.IgnoreCase)]
    private static partial Regex LanguagePermissionText();

    [GeneratedRegex(@"permission denied for schema", RegexOptions.IgnoreCase)]
    private static partial Regex SchemaPermissionText();

    [GeneratedRegex(@"permission denied for (relation|table)", RegexOptions.IgnoreCase)]
    private static partial Regex RelationPermissionText();

    [GeneratedRegex(@"permission denied for function", RegexOptions.IgnoreCase)]
    private static partial Regex FunctionPermissionText();

    [GeneratedRegex(@"password authentication failed for user", RegexOptions.IgnoreCase)]
    private static partial Regex LoginFailedText();

    [GeneratedRegex(@"database ""[^""]*"" does not exist", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseMissingText();

    // The descriptions of every load error code (LoadErrors), and the "Invalid digit, Value ..." form of SYS_LOAD_ERROR_DETAIL.
    [GeneratedRegex(@"Unknown parse error|Load file was not found|When using NULL AS|Encoding of the file is not the same|Data type not valid|not well formed JSON|COPY with MANIFEST parameter requires full path|Invalid end key specified|invalid or unsupported UTF-8 code ?points?|Field delimiter was not found|Input data had (more|fewer) columns|Input data exceeded the acceptable range|(Date|Timestamp) format is not valid|value outside of the expected range of 0-9|(FLOAT|DECIMAL|BOOLEAN) data type format error|Input line contained no data|A field specified as NOT NULL contained no data|Delimiter not found|CHAR field error|Input line is not valid|Identity column value is not valid|UTF-8 hexadecimal contains an invalid digit|Integer value overflow|Invalid digit, Value|Missing newline|Invalid data type|not a properly formatted JSON", RegexOptions.IgnoreCase)]
    private static partial Regex LoadErrorReasonText();

    [GeneratedRegex(@"Load into table '[^']*' failed|Check 'stl_load_errors' system table|Check 'sys_load_error_detail'", RegexOptions.IgnoreCase)]
    private static partial Regex LoadFailedText();

    [GeneratedRegex(@"(?:IAM Role|credentials of role|on IAM role)\s+""?(?<arn>arn:aws[a-z-]*:iam::\d{12}:role/[^\s"",]+)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedRoleText();
}

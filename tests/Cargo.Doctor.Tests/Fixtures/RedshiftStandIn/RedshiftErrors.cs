namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>How sure we are that Redshift answers with exactly this text.</summary>
public enum ErrorProvenance
{
    /// <summary>Quoted on a docs.aws.amazon.com page.</summary>
    Documented,

    /// <summary>Seen verbatim in public logs or issues, not in AWS documentation.</summary>
    PublicLog,

    /// <summary>Wording, SQLSTATE or DETAIL layout not confirmed anywhere: a guess that only a real warehouse settles.</summary>
    Unconfirmed,

    /// <summary>The stand-in's own refusal ("not emulated"): never a Redshift text.</summary>
    StandIn,
}

/// <summary>One error the stand-in makes PostgreSQL raise: SQLSTATE, message, DETAIL, and where the text comes from.</summary>
public sealed record RedshiftError(string Kind, string SqlState, string Message, string? Detail, ErrorProvenance Provenance);

/// <summary>
/// The Redshift error texts the stand-in raises, each marked with where it comes from. The
/// SQLSTATE of COPY/UNLOAD failures is not documented: XX000 (internal error, which makes Npgsql
/// close the connection) is what public logs of JDBC/psycopg clients show, and stays UNCONFIRMED.
/// </summary>
public static class RedshiftErrors
{
    public const string InternalError = "XX000";

    /// <summary>
    /// Provisioned: role not attached, trust not allowing Redshift, or sts:ExternalId not listing the
    /// dbuser ARN all give this one text, with a DETAIL block carrying code 8001 (public logs; the
    /// cause list is https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html).
    /// </summary>
    public static RedshiftError NotAuthorizedToAssume(string dbUserArn, string roleArn)
    {
        var message = $"User {dbUserArn} is not authorized to assume IAM Role {roleArn}";
        return new("role-not-authorized", InternalError, message, Block(message, 8001, $"IAM Role={roleArn}", "xen_aws_credentials_mgr.cpp:402"), ErrorProvenance.PublicLog);
    }

    /// <summary>
    /// Serverless: the role does not trust redshift-serverless.amazonaws.com (public logs; principals
    /// required by https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-security-other-services.html).
    /// </summary>
    public static RedshiftError ServerlessCredentials(string roleArn) => new(
        "serverless-credentials", InternalError,
        $"exception name : UnauthorizedException, error type : 135, message: Not authorized to get credentials of role {roleArn}, should retry : 0",
        "code: 30", ErrorProvenance.PublicLog);

    /// <summary>
    /// ASSUMEROLE control on and no grant for the chain: the rule is documented
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html), this wording is not on that page,
    /// r_GRANT.html or r_HAS_ASSUMEROLE_PRIVILEGE.html (searched 2026-12-06): UNCONFIRMED, match on the rule, not the text.
    /// </summary>
    public static RedshiftError NoAssumeRolePermission(string user, string chain, string command) => new(
        "assumerole-permission", InternalError,
        $"User {user} does not have ASSUMEROLE permission on IAM role \"{chain}\" for {command}", null, ErrorProvenance.Unconfirmed);

    /// <summary>https://docs.aws.amazon.com/redshift/latest/dg/s3serviceexception-error.html (the trailing Rid/ExtRid fields: public logs).</summary>
    public static RedshiftError S3AccessDenied(string s3Path) => S3("s3-access-denied",
        "S3ServiceException:Access Denied,Status 403,Error AccessDenied,Rid STANDIN,ExtRid STANDIN,CanRetry 1", s3Path, ErrorProvenance.Documented);

    /// <summary>Bucket in another region and no (or a wrong) REGION: https://docs.aws.amazon.com/redshift/latest/dg/s3serviceexception-error.html.</summary>
    public static RedshiftError WrongRegion(string s3Path) => S3("wrong-region",
        "S3ServiceException:The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.,Status 301,Error PermanentRedirect,Rid STANDIN,ExtRid STANDIN,CanRetry 1",
        s3Path, ErrorProvenance.Documented);

    /// <summary>Public logs.</summary>
    public static RedshiftError NoSuchBucket(string s3Path) => S3("no-such-bucket",
        "S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket,Rid STANDIN,ExtRid STANDIN,CanRetry 1", s3Path, ErrorProvenance.PublicLog);

    /// <summary>Wording reproduced by public emulators, not in AWS docs (the rule is: r_UNLOAD.html, ALLOWOVERWRITE).</summary>
    public static RedshiftError DestinationNotEmpty() => new(
        "destination-not-empty", InternalError,
        "Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.",
        null, ErrorProvenance.Unconfirmed);

    /// <summary>The rule is documented (r_UNLOAD.html usage notes); the wording and 0A000 come from a public emulator.</summary>
    public static RedshiftError OuterLimit() => new(
        "outer-limit", "0A000", "Limit clause is not supported in the outermost select of an UNLOAD statement", null, ErrorProvenance.Unconfirmed);

    /// <summary>COPY from a prefix with no object: public logs show this text with code 8001.</summary>
    public static RedshiftError EmptyPrefix(string s3Path)
    {
        var message = $"The specified S3 prefix '{s3Path["s3://".Length..].Split('/', 2).ElementAtOrDefault(1) ?? ""}' does not exist";
        return new("empty-prefix", InternalError, message, Block(message, 8001, s3Path, "s3_utility.cpp:665"), ErrorProvenance.PublicLog);
    }

    /// <summary>More than 10 roles, spaces or a malformed ARN in IAM_ROLE: the rule is documented, the text is not (UNCONFIRMED).</summary>
    public static RedshiftError InvalidRoleChain(string chain) => new(
        "invalid-role-chain", "22023", $"Invalid IAM_ROLE: \"{chain}\" is not a comma-separated list of at most 10 IAM role ARNs without spaces", null, ErrorProvenance.Unconfirmed);

    public static RedshiftError Syntax(string what) => new("syntax", "42601", $"syntax error: {what}", null, ErrorProvenance.Unconfirmed);

    /// <summary>The stand-in's own refusal: a statement shape it does not emulate fails, it never passes.</summary>
    public static RedshiftError NotEmulated(string what) => new("not-emulated", "0A000", $"stand-in: {what} is not emulated", null, ErrorProvenance.StandIn);

    private static RedshiftError S3(string kind, string message, string s3Path, ErrorProvenance provenance) =>
        new(kind, InternalError, message, Block(message, 8001, s3Path, "s3_utility.cpp:665"), provenance);

    /// <summary>The DETAIL layout of public logs (embulk-output-jdbc#85 and others): UNCONFIRMED field by field.</summary>
    private static string Block(string message, int code, string context, string location) =>
        "\n  -----------------------------------------------\n" +
        $"  error:  {message}\n" +
        $"  code:      {code}\n" +
        $"  context:   {context}\n" +
        "  query:     0\n" +
        $"  location:  {location}\n" +
        "  process:   padbmaster [pid=4242]\n" +
        "  -----------------------------------------------\n";
}

namespace Cargo.Doctor.Tests.Sources.Probes;

/// <summary>
/// Redshift's error texts, verbatim as documented (https://docs.aws.amazon.com/redshift/latest/dg/s3serviceexception-error.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html) or as public client logs show them.
/// </summary>
public static class RedshiftErrorTexts
{
    public const string CustomerRole = "arn:aws:iam::111122223333:role/RedshiftForCargo";
    public const string CargoRole = "arn:aws:iam::444455556666:role/cargo-customer-acme";

    public const string RoleNotAuthorized =
        "User arn:aws:redshift:eu-west-1:111122223333:dbuser:analytics/cargo_user is not authorized to assume IAM Role " + CustomerRole +
        "\nDETAIL: \n  -----------------------------------------------\n  error:  User arn:aws:redshift:eu-west-1:111122223333:dbuser:analytics/cargo_user is not authorized to assume IAM Role " + CustomerRole +
        "\n  code:      8001\n  context:   IAM Role=" + CustomerRole + "\n  query:     0\n  location:  xen_aws_credentials_mgr.cpp:402\n  process:   padbmaster [pid=1234]";

    public const string SecondHopNotAuthorized =
        "User arn:aws:redshift:eu-west-1:111122223333:dbuser:analytics/cargo_user is not authorized to assume IAM Role " + CargoRole;

    public const string JdbcRoleNotAuthorized =
        "[Amazon](500310) Invalid operation: User arn:aws:redshift:eu-west-1:111122223333:dbuser:analytics/cargo_user is not authorized to assume IAM Role " + CustomerRole;

    public const string ServerlessCredentials =
        "exception name : UnauthorizedException, error type : 135, message: Not authorized to get credentials of role " + CustomerRole + ", should retry : 0\nDETAIL: code: 30";

    /// <summary>The Serverless text naming the second role of the chain (Cargo's): its trust, not the service principals.</summary>
    public const string ServerlessSecondHop =
        "exception name : UnauthorizedException, error type : 135, message: Not authorized to get credentials of role " + CargoRole + ", should retry : 0\nDETAIL: code: 30";

    public const string AssumeRolePermission =
        "User cargo_user does not have ASSUMEROLE permission on IAM role \"" + CustomerRole + "," + CargoRole + "\" for UNLOAD";

    public const string S3AccessDenied = "S3ServiceException:Access Denied,Status 403,Error AccessDenied,Rid 1B2C3D,ExtRid abc,CanRetry 1";

    public const string WrongRegion =
        "S3ServiceException:The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.,Status 301,Error PermanentRedirect";

    public const string BucketMissing = "S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket,Rid 1,ExtRid 2,CanRetry 1";

    public const string DestinationNotEmpty =
        "Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.";

    public const string DatabasePermission = "permission denied for database dev";

    public const string SchemaPermission = "permission denied for schema cargo_doctor_x";

    public const string RelationPermission = "permission denied for relation cargo_doctor_probe";

    public const string TablePermission = "permission denied for table cargo_doctor_probe";

    public const string FunctionPermission = "permission denied for function f_cargo_doctor_probe";

    public const string CreateFunction = "permission denied to create function";
}

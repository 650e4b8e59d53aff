namespace Cargo.Doctor.Facts;

/// <summary>What a probe's database error means, decided from Redshift's documented error texts.</summary>
public enum ProbeErrorCause
{
    /// <summary>Nothing in the table matched: the raw message is all we know.</summary>
    Unclassified,

    /// <summary>Provisioned: role not attached, trust not allowing Redshift, or ExternalId mismatch (code 8001).</summary>
    RoleNotAuthorized,

    /// <summary>Serverless: the trust policy lacks redshift-serverless.amazonaws.com (or a SourceArn condition rejects).</summary>
    ServerlessCredentials,

    /// <summary>ASSUMEROLE control is on and the chain was not granted to the user.</summary>
    AssumeRolePermission,

    /// <summary>S3 refused Cargo's role: its policy or the bucket policy (Cargo's side).</summary>
    S3AccessDenied,

    /// <summary>The bucket is in another region than the warehouse and no REGION was given.</summary>
    WrongRegion,

    BucketMissing,

    DestinationNotEmpty,

    SchemaPermission,

    RelationPermission,

    FunctionPermission,

    /// <summary>No CREATE on the database: schemas cannot be created.</summary>
    DatabaseCreatePermission,

    /// <summary>Neither superuser, nor the CREATE OR REPLACE FUNCTION system permission (through a role), nor USAGE on the language.</summary>
    CreateFunctionPermission,

    /// <summary>STS refused sts:AssumeRole (a caller's permission policy or the role's trust).</summary>
    StsAssumeRoleDenied,

    /// <summary>The warehouse refused the user name or password.</summary>
    LoginFailed,

    /// <summary>The database named in the connection does not exist.</summary>
    DatabaseMissing,

    /// <summary>The user named in the connection does not exist.</summary>
    UserMissing,

    /// <summary>Nothing answered, or something dropped the connection attempt (security group, not publicly accessible).</summary>
    ConnectionBlocked,

    /// <summary>Something answered and refused the TCP connection: wrong host or port.</summary>
    ConnectionRefused,

    /// <summary>A connection without SSL where the warehouse requires it (no pg_hba.conf entry).</summary>
    SslRequired,

    /// <summary>The user's CONNECTION LIMIT is used up.</summary>
    ConnectionLimit,

    /// <summary>The IAM role named does not exist.</summary>
    RoleMissing,

    /// <summary>Key-based S3 credentials (not Cargo's role chain) are malformed or wrong.</summary>
    KeyCredentials,

    /// <summary>KMS refused the key of the bucket or statement.</summary>
    KmsRefused,

    /// <summary>STS is not activated in the region.</summary>
    StsRegionDisabled,

    /// <summary>S3 answered with an error no setup change fixes (a missing object, throttling, a transient or clock error).</summary>
    S3NotSetup,

    /// <summary>A data error of a load (format, type, range): not a setup problem.</summary>
    DataError,

    /// <summary>UNLOAD and COPY worked but the rows read back differ from the rows written.</summary>
    RoundTripMismatch,

    /// <summary>The connection dropped (or the server ended the session) before the statement answered: proves nothing.</summary>
    ConnectionLost,

    /// <summary>No answer within the command or statement timeout: proves nothing.</summary>
    TimedOut,
}

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>
/// Decides from <see cref="AwsWorld"/> facts whether Redshift would run an UNLOAD/COPY, and with which
/// documented error it fails otherwise. Written from AWS's pages alone (not from the product's rules):
/// https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html,
/// https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service-chaining-roles.html and
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html. The checks
/// run in a fixed order; Redshift's own order is UNCONFIRMED, so a test must not rely on which of two
/// simultaneous faults is reported: 1. ASSUMEROLE grant (asked of the emulation by the caller),
/// 2. hop 0 (attached, trusts Redshift, ExternalId), 3. further hops (sts:AssumeRole allowed and
/// trusted), 4. bucket exists, 5. region, 6. the last role's S3 access, 7. destination empty (UNLOAD)
/// or prefix not empty (COPY). Grammar errors came before, from the parser.
/// </summary>
public static class RoleChainAuthorizer
{
    /// <param name="assumeRoleGranted">HAS_ASSUMEROLE_PRIVILEGE(user, chain, command) as the emulation answers it.</param>
    public static RedshiftError? Check(AwsWorld world, DirectoryS3 s3, RedshiftStatement statement, string user, bool assumeRoleGranted)
    {
        // With ASSUMEROLE control on, the user needs a grant on the whole chain for this command: "you can't
        // specify individual roles within the role chain" (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html).
        return (assumeRoleGranted ? null : RedshiftErrors.NoAssumeRolePermission(user, statement.RoleChain, statement.Command))
            ?? Chain(world, statement.Roles, world.DbUserArn(user))
            ?? Bucket(world, s3, statement);
    }

    /// <summary>
    /// Hop 0: "the IAM role must be associated with the cluster" and its trust policy must allow the Redshift
    /// service principal to sts:AssumeRole (authorizing-redshift-service.html). Later hops: "each role in the
    /// chain assumes the next role", so the previous role's permission policy must allow sts:AssumeRole on the
    /// next role and the next role's trust policy must name the previous role or its account
    /// (authorizing-redshift-service-chaining-roles.html); across accounts both the identity policy and the
    /// resource (trust) policy must allow (reference_policies_evaluation-logic.html, cross-account). Redshift
    /// passes the dbuser ARN as sts:ExternalId (authorizing-redshift-service-database-users.html); that it is
    /// presented on later hops too is UNCONFIRMED. Which error a failed later hop gives is UNCONFIRMED: the
    /// stand-in names that hop's role in the hop-0 family of texts.
    /// </summary>
    private static RedshiftError? Chain(AwsWorld world, IReadOnlyList<string> roles, string dbUserArn)
    {
        for (var hop = 0; hop < roles.Count; hop++)
        {
            var arn = roles[hop];
            var role = world.Roles.GetValueOrDefault(arn);
            var assumed = role is not null && ExternalIdMatches(role, dbUserArn) && (hop == 0
                ? world.AttachedRoles.Contains(arn) && TrustsWarehouse(world, role)
                : TrustsPrevious(world, role, roles[hop - 1]));
            if (!assumed)
            {
                return world.Kind == WarehouseKind.Serverless
                    ? RedshiftErrors.ServerlessCredentials(arn)
                    : RedshiftErrors.NotAuthorizedToAssume(dbUserArn, arn);
            }
        }

        return null;
    }

    /// <summary>
    /// Provisioned: redshift.amazonaws.com (or the regional principal, authorizing-redshift-service.html#authorizing-redshift-service-regions);
    /// Serverless: both redshift and redshift-serverless (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-security-other-services.html).
    /// </summary>
    private static bool TrustsWarehouse(AwsWorld world, WorldRole role)
    {
        var redshift = role.TrustedServices.Contains(AwsWorld.RedshiftService) || role.TrustedServices.Contains($"redshift.{world.Region}.amazonaws.com");
        return world.Kind == WarehouseKind.Provisioned ? redshift : redshift && role.TrustedServices.Contains(AwsWorld.ServerlessService);
    }

    private static bool TrustsPrevious(AwsWorld world, WorldRole role, string previousArn)
    {
        var previous = world.Roles.GetValueOrDefault(previousArn);
        return previous is not null
            && previous.MayAssume.Contains(role.Arn)
            // A trust policy may name the account as its root ARN or as the bare account id, which IAM stores as the root ARN
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).
            && (role.TrustedPrincipals.Contains(previousArn) || role.TrustedPrincipals.Contains($"arn:aws:iam::{previous.Account}:root")
                || role.TrustedPrincipals.Contains(previous.Account));
    }

    private static bool ExternalIdMatches(WorldRole role, string dbUserArn) => role.ExternalIds is null || role.ExternalIds.Contains(dbUserArn);

    /// <summary>
    /// Bucket, region (REGION is required when the bucket is in another region than the warehouse:
    /// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html and r_UNLOAD.html),
    /// S3 access of the last role (COPY: List+Get; UNLOAD: Get+List+Put,
    /// https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-access-permissions.html),
    /// then the objects under the prefix.
    /// </summary>
    private static RedshiftError? Bucket(AwsWorld world, DirectoryS3 s3, RedshiftStatement statement)
    {
        if (!world.Buckets.TryGetValue(statement.Bucket, out var bucket))
        {
            return RedshiftErrors.NoSuchBucket(statement.S3Path);
        }

        if (bucket.Region != (statement.Region ?? world.Region))
        {
            return RedshiftErrors.WrongRegion(statement.S3Path);
        }

        var last = statement.Roles[^1];
        var existing = s3.List(statement.Bucket, statement.KeyPrefix);
        return statement switch
        {
            UnloadStatement when !bucket.Writers.Contains(last) => RedshiftErrors.S3AccessDenied(statement.S3Path),
            CopyStatement when !bucket.Readers.Contains(last) => RedshiftErrors.S3AccessDenied(statement.S3Path),
            // "By default, UNLOAD fails if it finds files that it would possibly overwrite" (r_UNLOAD.html, ALLOWOVERWRITE).
            UnloadStatement { AllowOverwrite: false, CleanPath: false } when existing.Count > 0 => RedshiftErrors.DestinationNotEmpty(),
            CopyStatement when existing.Count == 0 => RedshiftErrors.EmptyPrefix(statement.S3Path),
            _ => null,
        };
    }
}

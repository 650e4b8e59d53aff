using Cargo.Doctor.AwsApi.Partitions;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules.Iam;

/// <summary>What iam.trust-policy and iam.assume-cargo-role share: a customer role that was read.</summary>
internal static class CustomerRoleRequirement
{
    public static bool TryGet(RuleContext context, AwsFacts aws, out CustomerRoleFacts role, out Finding notExamined)
    {
        role = aws.Role!;
        if (AccountMismatch(aws) is { } mismatch)
        {
            notExamined = context.Unknown(mismatch.Summary, mismatch.Details);
            return false;
        }

        notExamined = aws.RoleGap is { } gap
            ? context.Unknown($"could not read the customer role: {gap}", [aws.Selection.Note])
            : context.Unknown($"no customer role examined: {aws.Selection.Note}");
        return aws.Role is not null;
    }

    /// <summary>
    /// IAM looks a role name up in the caller's own account
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html): when --role-arn names another
    /// account than the credentials' (or than the role that was read), what was read says nothing about the
    /// customer's role, neither that it exists nor what it allows. Null when the accounts agree or cannot be told.
    /// </summary>
    public static (string Summary, List<string> Details)? AccountMismatch(AwsFacts aws)
    {
        if (aws.RequestedRoleArn is not { } requested || Part(requested, 4) is not { } wanted)
        {
            return null;
        }

        var readRole = aws.Role is { Exists: true } role ? Part(role.Arn, 4) : null;
        var other = aws.CallerAccountId is { } caller && caller != wanted ? caller
            : readRole is not null && readRole != wanted ? readRole
            : null;
        if (other is null)
        {
            return null;
        }

        var details = new List<string>
        {
            $"--role-arn names account {wanted}: {requested}",
            aws.CallerAccountId is { } account
                ? $"the AWS {(aws.Source == "evidence" ? "evidence was collected" : "reads ran")} with credentials of account {account}"
                : $"the role that was read belongs to account {readRole}",
            $"IAM looks the role name up in the caller's own account, so nothing was read about {requested}",
            aws.Source == "evidence"
                ? $"collect the evidence again with credentials of account {wanted} (e.g. AWS_PROFILE=<a profile of account {wanted}>)"
                : $"run again with credentials of account {wanted}: --profile <a profile of account {wanted}>",
        };
        return ($"the customer role is in account {wanted}, but the AWS reads used account {other}: its trust and permissions were not read", details);
    }

    /// <summary>Details begin with how the role was picked, when cargo-doctor picked it.</summary>
    public static List<string> Details(AwsFacts aws) =>
        aws.Selection.Kind == RoleSelectionKind.Discovered ? [aws.Selection.Note] : [];

    /// <summary>
    /// The dbuser ARN Redshift presents as sts:ExternalId for the Cargo user, when it can be built; its partition
    /// is the region's (arn:aws-cn:... in China, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
    /// </summary>
    public static string? CargoDbUserArn(AwsFacts aws, CustomerRoleFacts role)
    {
        var account = aws.Target?.AccountId ?? Part(role.Arn, 4);
        if (aws.Target is not { } target || account is null || aws.CargoUser is null)
        {
            return null;
        }

        var cluster = target.Kind == "workgroup" ? $"serverless-{account}-{target.WorkgroupId}" : target.Identifier;
        return target.Kind == "workgroup" && target.WorkgroupId is null
            ? null
            : AwsPartition.ForRegion(aws.Region).Arn("redshift", aws.Region, account, $"dbuser:{cluster}/{aws.CargoUser}");
    }

    private static string? Part(string arn, int index) =>
        arn.Split(':') is { } parts && parts.Length > index && parts[index].Length > 0 ? parts[index] : null;
}

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
        notExamined = aws.RoleGap is { } gap
            ? context.Unknown($"could not read the customer role: {gap}", [aws.Selection.Note])
            : context.Unknown($"no customer role examined: {aws.Selection.Note}");
        return aws.Role is not null;
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

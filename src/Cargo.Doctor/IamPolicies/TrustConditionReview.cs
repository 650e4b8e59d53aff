using System.Text.RegularExpressions;
using Cargo.Doctor.AwsApi.Partitions;

namespace Cargo.Doctor.IamPolicies;

/// <summary>Judges the conditions of one trust statement against what Redshift sends, one issue per problem.</summary>
internal static partial class TrustConditionReview
{
    public static ConditionOutcome Outcome(PolicyStatement statement, RedshiftAssumeRoleRequest request)
    {
        return ConditionBlock.Outcome(statement, request.Lookup);
    }

    public static List<TrustPolicyIssue> IssuesOfAllow(
        PolicyStatement statement, RedshiftAssumeRoleRequest request, TrustPolicyContext context)
    {
        var issues = new List<TrustPolicyIssue>();
        foreach (var condition in statement.Conditions)
        {
            var outcome = ConditionBlock.Evaluate(condition, request.Lookup);
            if (Review(statement, condition, outcome, request.Lookup(condition.Key), context) is { } issue)
            {
                issues.Add(issue);
            }
        }

        return issues;
    }

    private static TrustPolicyIssue? Review(
        PolicyStatement statement, PolicyCondition condition, ConditionOutcome outcome, RequestKeyValue request, TrustPolicyContext context)
    {
        var where = $"Trust statement {statement.Label}";
        var values = string.Join(", ", condition.Values);
        var key = condition.Key;

        if (Is(key, "sts:ExternalId"))
        {
            return ReviewExternalId(statement, condition, outcome, context, where, values);
        }

        if (Is(key, "aws:SourceArn"))
        {
            return TrustPolicyIssue.Warning(
                $"{where} has an aws:SourceArn condition ({values}); it is known to stop Redshift Serverless from assuming the role, prefer aws:SourceAccount or sts:ExternalId",
                statement);
        }

        if (Is(key, "aws:SourceAccount") && outcome == ConditionOutcome.NotSatisfied)
        {
            return TrustPolicyIssue.Failure(
                $"{where} requires aws:SourceAccount {values}, but the role's account is {context.AccountId}", statement);
        }

        return outcome switch
        {
            ConditionOutcome.Satisfied => null,
            ConditionOutcome.NotSatisfied when request.Kind == RequestKeyKind.Absent => TrustPolicyIssue.Failure(
                $"{where} requires {key} ({condition.Operator}), which Redshift never sends when it assumes the role", statement),
            ConditionOutcome.NotSatisfied => TrustPolicyIssue.Failure(
                $"{where} condition {condition.Operator} {key} = {values} does not hold for Redshift", statement),
            _ => TrustPolicyIssue.Warning($"{where} condition {condition.Operator} {key} cannot be checked offline", statement),
        };
    }

    private static TrustPolicyIssue? ReviewExternalId(
        PolicyStatement statement, PolicyCondition condition, ConditionOutcome outcome, TrustPolicyContext context,
        string where, string values)
    {
        var namesOtherUser = NamesOnlyOtherUsers(condition, context.CargoUserName);
        if (outcome == ConditionOutcome.NotSatisfied && (!context.IsServerless || namesOtherUser))
        {
            var other = namesOtherUser ? " (another database user)" : "";
            return TrustPolicyIssue.Failure(
                $"{where} requires sts:ExternalId {values}{other}, but Redshift sends the Cargo user's dbuser ARN {context.CargoDbUserArn}",
                statement);
        }

        if (context.IsServerless)
        {
            return TrustPolicyIssue.Warning(
                $"{where} requires sts:ExternalId {values}; the dbuser ARN Redshift Serverless sends is not confirmed, make sure it names the Cargo user",
                statement);
        }

        return outcome switch
        {
            ConditionOutcome.Satisfied => null,
            _ when context.CargoDbUserArn is null => TrustPolicyIssue.Warning(
                $"{where} requires sts:ExternalId {values}; it must be the Cargo user's dbuser ARN (arn:{AwsPartition.ForRegion(context.Region).Name}:redshift:{context.Region}:<account>:dbuser:<cluster>/<user>)",
                statement),
            _ => TrustPolicyIssue.Warning($"{where} condition {condition.Operator} sts:ExternalId cannot be checked offline", statement),
        };
    }

    /// <summary>True when every value is a concrete dbuser ARN for a user other than Cargo's.</summary>
    private static bool NamesOnlyOtherUsers(PolicyCondition condition, string? cargoUser)
    {
        if (cargoUser is null || condition.BaseOperator.Contains("Not", StringComparison.Ordinal))
        {
            return false;
        }

        return condition.Values.All(value =>
            DbUserArn().Match(value) is { Success: true } match
            && match.Groups["user"].Value.IndexOfAny(['*', '?']) < 0
            && !Is(match.Groups["user"].Value, cargoUser));
    }

    [GeneratedRegex(@"^arn:[^:]+:redshift:[^:]*:[^:]*:dbuser:[^/]+/(?<user>.+)$")]
    private static partial Regex DbUserArn();

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

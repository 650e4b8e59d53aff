using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Iam;

/// <summary>
/// iam.trust-policy: the customer role trusts redshift.amazonaws.com (and redshift-serverless.amazonaws.com
/// for Serverless) with sts:AssumeRole, with no Deny, NotPrincipal or condition Redshift cannot satisfy.
/// </summary>
public sealed class TrustPolicyRule : IRule
{
    public const string Id = "iam.trust-policy";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!AwsRequirement.TryGet(context, out var aws, out var skipped))
        {
            return skipped;
        }

        if (!CustomerRoleRequirement.TryGet(context, aws, out var role, out var notExamined))
        {
            return notExamined;
        }

        var details = CustomerRoleRequirement.Details(aws);
        var suggested = RemediationPolicies.RedshiftTrustPolicy(aws.IsServerless);
        if (!role.Exists)
        {
            return context.Fail($"role {role.Arn} does not exist", details,
                context.Remedy("create-role", ("role", role.Name), ("role_sh", ShellQuote.Arg(role.Name)), ("policy", suggested), ("policy_sh", ShellQuote.Arg(suggested))));
        }

        PolicyDocument trust;
        try
        {
            trust = PolicyDocument.Parse(role.TrustPolicy ?? throw new PolicyParseException("IAM returned no trust policy"));
        }
        catch (PolicyParseException e)
        {
            return context.Unknown($"the trust policy of {role.Name} could not be read: {e.Message}", details);
        }

        var dbUser = CustomerRoleRequirement.CargoDbUserArn(aws, role);
        var report = TrustPolicyAnalyzer.Analyze(trust, new TrustPolicyContext(aws.IsServerless, aws.Region, dbUser, Account(role.Arn)));
        details.AddRange(report.Principals.Select(p => $"{p.ServicePrincipal}: {p.Status.ToString().ToLowerInvariant()}: {p.Reason}"));
        details.AddRange(report.Issues.Select(i => $"{i.Severity.ToString().ToLowerInvariant()}: {i.Text}"));
        if (dbUser is not null)
        {
            details.Add($"Redshift presents the Cargo user as {dbUser} (sts:ExternalId)");
        }

        var principals = string.Join(" and ", RedshiftServicePrincipals.Required(aws.IsServerless));
        return report.Status switch
        {
            TrustStatus.Pass => context.Pass($"role {role.Name} trusts {principals}", details),
            TrustStatus.Warn => context.Warn($"role {role.Name} trusts {principals}, with a caveat: {report.Issues.FirstOrDefault()?.Text}", details,
                context.Remedy("review-trust", ("role", role.Name))),
            _ => context.Fail(FailureSummary(role.Name, report), details, Fix(context, role.Name, role.TrustPolicy!, report)),
        };
    }

    /// <summary>
    /// A principal no Allow statement names is added by a merge that keeps every other statement, guarded by
    /// the live document (update-assume-role-policy replaces the whole policy:
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html). A Deny, a NotPrincipal
    /// or a condition is the customer's to edit: advice only, never a command that changes the policy.
    /// </summary>
    private static IReadOnlyList<RemediationStep> Fix(RuleContext context, string roleName, string trustJson, TrustPolicyReport report)
    {
        var failing = report.Principals.Where(p => p.Status == TrustStatus.Fail).ToList();
        var onlyMissing = failing.All(p => p.AllowingStatement is null)
            && report.Issues.Where(i => i.Severity == IssueSeverity.Failure).All(i => i.Statement is null);
        var merged = onlyMissing ? TrustPolicyMerge.Merge(trustJson, [.. failing.Select(p => p.ServicePrincipal)]) : null;
        if (merged is null)
        {
            return context.Remedy("edit-trust", ("role", roleName), ("policy", report.SuggestedTrustPolicyJson));
        }

        var changed = $"stopped: the trust policy of role {roleName} changed since cargo-doctor read it; run cargo-doctor check again";
        return context.Remedy("merge-trust",
            ("role", roleName), ("role_sh", ShellQuote.Arg(roleName)), ("policy", merged), ("policy_sh", ShellQuote.Arg(merged)),
            ("unchanged_query_sh", ShellQuote.Arg(LivePolicyGuard.UnchangedQuery("Role.AssumeRolePolicyDocument", trustJson))),
            ("changed_sh", ShellQuote.Arg(changed.ReplaceLineEndings(" "))));
    }

    private static string FailureSummary(string roleName, TrustPolicyReport report)
    {
        var failing = report.Principals.FirstOrDefault(p => p.Status == TrustStatus.Fail);
        return failing is not null
            ? $"role {roleName}: {failing.Reason}"
            : $"role {roleName}: {report.Issues.First(i => i.Severity == IssueSeverity.Failure).Text}";
    }

    private static string? Account(string arn) => arn.Split(':') is { Length: > 4 } parts && parts[4].Length > 0 ? parts[4] : null;
}

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

        var fix = context.Remedy("update-trust",
            ("role", role.Name), ("role_sh", ShellQuote.Arg(role.Name)), ("policy", report.SuggestedTrustPolicyJson), ("policy_sh", ShellQuote.Arg(report.SuggestedTrustPolicyJson)));
        var principals = string.Join(" and ", RedshiftServicePrincipals.Required(aws.IsServerless));
        return report.Status switch
        {
            TrustStatus.Pass => context.Pass($"role {role.Name} trusts {principals}", details),
            TrustStatus.Warn => context.Warn($"role {role.Name} trusts {principals}, with a caveat: {report.Issues.FirstOrDefault()?.Text}", details, fix),
            _ => context.Fail(FailureSummary(role.Name, report), details, fix),
        };
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

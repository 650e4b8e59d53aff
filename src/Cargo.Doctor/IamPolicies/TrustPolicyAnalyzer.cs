using System.Text.RegularExpressions;

namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// Decides whether Redshift (and Redshift Serverless) can assume the customer's role, reading the trust
/// policy ourselves because the IAM policy simulator cannot simulate a trust policy for a service principal.
/// </summary>
public static partial class TrustPolicyAnalyzer
{
    private const string AssumeRole = "sts:AssumeRole";

    public static TrustPolicyReport Analyze(PolicyDocument trustPolicy, TrustPolicyContext context)
    {
        var relevant = trustPolicy.Statements.Where(s => s.CoversAction(AssumeRole)).ToList();
        var issues = new List<TrustPolicyIssue>();
        issues.AddRange(StatementWideIssues(relevant));

        var principals = new List<PrincipalTrust>();
        foreach (var required in RedshiftServicePrincipals.Required(context.IsServerless))
        {
            principals.Add(AnalyzePrincipal(relevant, required, context, issues));
        }

        return new TrustPolicyReport(
            principals,
            issues.DistinctBy(i => (i.Severity, i.Text)).ToList(),
            RemediationPolicies.RedshiftTrustPolicy(context.IsServerless));
    }

    private static IEnumerable<TrustPolicyIssue> StatementWideIssues(List<PolicyStatement> relevant)
    {
        foreach (var statement in relevant)
        {
            if (statement.NotPrincipal is not null)
            {
                yield return TrustPolicyIssue.Failure(
                    $"Trust statement {statement.Label} uses NotPrincipal; name the Redshift service principals in Principal instead",
                    statement);
            }
            else if (statement.Effect == PolicyEffect.Allow && statement.Principal?.MatchesEveryone == true)
            {
                yield return TrustPolicyIssue.Warning(
                    $"Trust statement {statement.Label} lets any principal (\"*\") assume the role; restrict it to {RedshiftServicePrincipals.Redshift}",
                    statement);
            }
        }
    }

    private static PrincipalTrust AnalyzePrincipal(
        List<PolicyStatement> relevant, string required, TrustPolicyContext context, List<TrustPolicyIssue> issues)
    {
        var accepted = RedshiftServicePrincipals.AcceptedNames(required, context.Region);
        var request = new RedshiftAssumeRoleRequest(context, required);

        var denies = relevant.Where(s => s.Effect == PolicyEffect.Deny && DenyApplies(s, accepted)).ToList();
        foreach (var deny in denies)
        {
            var outcome = TrustConditionReview.Outcome(deny, request);
            if (outcome == ConditionOutcome.Satisfied)
            {
                var text = $"Trust statement {deny.Label} explicitly denies sts:AssumeRole to {required}";
                issues.Add(TrustPolicyIssue.Failure(text, deny));
                return new PrincipalTrust(required, TrustStatus.Fail, text, null);
            }

            if (outcome == ConditionOutcome.Unknown)
            {
                issues.Add(TrustPolicyIssue.Warning(
                    $"Trust statement {deny.Label} may deny sts:AssumeRole to {required} (condition {string.Join(", ", deny.ConditionKeys)})",
                    deny));
            }
        }

        var candidates = relevant
            .Where(s => s.Effect == PolicyEffect.Allow && s.Principal is { } p && (p.MatchesEveryone || accepted.Any(p.HasService)))
            .Select(s => (Statement: s, Issues: TrustConditionReview.IssuesOfAllow(s, request, context)))
            .OrderBy(c => c.Issues.Select(i => i.Status).DefaultIfEmpty(TrustStatus.Pass).Max())
            .ToList();
        if (candidates.Count == 0)
        {
            var text = $"The trust policy does not allow {string.Join(" or ", accepted)} to call sts:AssumeRole{WrongRegionHint(relevant, context.Region, required)}";
            issues.Add(TrustPolicyIssue.Failure(text));
            return new PrincipalTrust(required, TrustStatus.Fail, text, null);
        }

        var (statement, found) = candidates[0];
        issues.AddRange(found);
        var status = found.Select(i => i.Status).DefaultIfEmpty(TrustStatus.Pass).Max();
        var reason = status switch
        {
            TrustStatus.Pass => $"Trusted by statement {statement.Label}",
            TrustStatus.Warn => $"Trusted by statement {statement.Label}, but {found[0].Text}",
            _ => found.First(i => i.Severity == IssueSeverity.Failure).Text,
        };
        return new PrincipalTrust(required, status, reason, statement);
    }

    private static bool DenyApplies(PolicyStatement deny, IReadOnlyList<string> accepted)
    {
        if (deny.Principal is { } principal)
        {
            return principal.MatchesEveryone || accepted.Any(principal.HasService);
        }

        return deny.NotPrincipal is { } excluded && !excluded.MatchesEveryone && !accepted.Any(excluded.HasService);
    }

    private static string WrongRegionHint(List<PolicyStatement> relevant, string region, string required)
    {
        if (required != RedshiftServicePrincipals.Redshift)
        {
            return "";
        }

        var otherRegions = relevant
            .SelectMany(s => s.Principal?.Services ?? [])
            .Select(service => RegionalRedshift().Match(service))
            .Where(m => m.Success && !string.Equals(m.Groups["region"].Value, region, StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Value)
            .Distinct()
            .ToList();
        return otherRegions.Count == 0
            ? ""
            : $" (it names {string.Join(", ", otherRegions)}, but the cluster is in {region})";
    }

    [GeneratedRegex(@"^redshift\.(?<region>[a-z0-9-]+)\.amazonaws\.com$", RegexOptions.IgnoreCase)]
    private static partial Regex RegionalRedshift();
}

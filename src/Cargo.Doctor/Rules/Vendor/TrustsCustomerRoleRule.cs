using System.Text.Json.Nodes;
using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Vendor;

/// <summary>
/// vendor.trusts-customer-role: Cargo's role trusts the customer's role for sts:AssumeRole, the chain's second hop.
/// "Each next role's trust policy must trust the previous role (or its account)"
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html#authorizing-redshift-service-chaining-roles).
/// The chained call's condition keys are what the ARNs tell (<see cref="CargoAssumeRoleRequest"/>); whether Redshift
/// passes an sts:ExternalId on the chained hop is not documented, so a condition on it is a warning.
/// </summary>
public sealed class TrustsCustomerRoleRule : IRule
{
    public const string Id = "vendor.trusts-customer-role";

    public const string Sid = "CargoChainFromCustomerRole";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!VendorRequirement.TryGet(context, out var vendor, out var skipped))
        {
            return skipped;
        }

        if (vendor.CargoRole is not { } role)
        {
            return context.Unknown($"Cargo's role {vendor.CargoRoleArn} could not be read: {vendor.CargoRoleGap}");
        }

        var details = new List<string> { $"Cargo's role: {role.Arn}", $"customer's role (first hop): {vendor.CustomerRoleArn}" };
        var statement = AllowCustomerRole(vendor.CustomerRoleArn);
        if (!role.Exists)
        {
            var policy = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(WithSid(statement)) }.ToJsonString();
            return context.Fail($"Cargo's role {role.Name} does not exist", details,
                context.Remedy("create-role", ("role", role.Name), ("role_sh", ShellQuote.Arg(role.Name)), ("policy", policy), ("policy_sh", ShellQuote.Arg(policy))));
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

        var request = new CargoAssumeRoleRequest(vendor.CargoRoleArn, vendor.CustomerRoleArn);
        var verdict = ResourcePolicyEvaluator.Evaluate(trust, vendor.CustomerRoleArn, IdentityPolicyEvaluator.AssumeRoleAction, null, request.Lookup);
        details.Add(verdict.Reason);
        switch (verdict.Decision)
        {
            case PolicyDecision.Allowed when verdict.PossibleDenies.Count > 0:
                return context.Warn($"{role.Name} trusts the customer's role, but statement {verdict.PossibleDenies[0].Label} may deny it", details, context.Remedy("review-trust", ("role", role.Name)));
            case PolicyDecision.Allowed when verdict.Principal == ResourcePrincipalMatch.Everyone:
                return context.Warn($"{role.Name} trusts any principal (\"*\"), the customer's role among them: name the customer's role instead", details, context.Remedy("review-trust", ("role", role.Name)));
            case PolicyDecision.Allowed when verdict.Principal == ResourcePrincipalMatch.Account:
                details.Add($"the trust names the customer's account {request.CustomerAccount}: the customer's role must itself allow sts:AssumeRole on Cargo's role (their check iam.assume-cargo-role)");
                return context.Pass($"{role.Name} trusts the customer's account {request.CustomerAccount}, so its role {Name(vendor.CustomerRoleArn)} may assume it", details);
            case PolicyDecision.Allowed:
                return context.Pass($"{role.Name} trusts the customer's role {Name(vendor.CustomerRoleArn)}", details);
            case PolicyDecision.AllowedWithConditions:
                return context.Warn($"{role.Name} trusts the customer's role only under a condition cargo-doctor cannot decide: {verdict.Reason}", details, context.Remedy("review-trust", ("role", role.Name)));
            case PolicyDecision.ExplicitDeny:
                return context.Fail($"{role.Name}'s trust policy denies the customer's role: {verdict.Reason}", details, context.Remedy("edit-trust", ("role", role.Name)));
            default:
                return context.Fail($"{role.Name} does not trust the customer's role {Name(vendor.CustomerRoleArn)}", details, Merge(context, role.Name, role.TrustPolicy!, statement));
        }
    }

    /// <summary>The statement the fix adds: the customer's role by ARN, sts:AssumeRole, nothing else.</summary>
    public static JsonObject AllowCustomerRole(string customerRoleArn) => new()
    {
        ["Effect"] = "Allow",
        ["Principal"] = new JsonObject { ["AWS"] = customerRoleArn },
        ["Action"] = IdentityPolicyEvaluator.AssumeRoleAction,
    };

    private static JsonObject WithSid(JsonObject statement)
    {
        var copy = new JsonObject { ["Sid"] = Sid };
        foreach (var (key, value) in statement)
        {
            copy[key] = value?.DeepClone();
        }

        return copy;
    }

    private static IReadOnlyList<RemediationStep> Merge(RuleContext context, string roleName, string trustJson, JsonObject statement)
    {
        if (PolicyStatementAppend.Append(trustJson, Sid, statement) is not { } merged)
        {
            return context.Remedy("edit-trust", ("role", roleName));
        }

        var changed = $"stopped: the trust policy of role {roleName} changed since cargo-doctor read it; run cargo-doctor vendor again";
        return context.Remedy("merge-trust",
            ("role", roleName), ("role_sh", ShellQuote.Arg(roleName)), ("policy", merged), ("policy_sh", ShellQuote.Arg(merged)),
            ("unchanged_query_sh", ShellQuote.Arg(LivePolicyGuard.UnchangedQuery("Role.AssumeRolePolicyDocument", trustJson))),
            ("changed_sh", ShellQuote.Arg(changed)));
    }

    private static string Name(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}

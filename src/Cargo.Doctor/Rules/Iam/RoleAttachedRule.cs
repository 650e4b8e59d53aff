using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Iam;

/// <summary>
/// iam.role-attached: the customer role is in the cluster's IamRoles (or the namespace's iamRoles) with
/// status in-sync; <c>adding</c> is a warning (it will be usable in a few minutes).
/// </summary>
public sealed class RoleAttachedRule : IRule
{
    public const string Id = "iam.role-attached";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!AwsRequirement.TryGet(context, out var aws, out var skipped))
        {
            return skipped;
        }

        if (aws.AttachedRoles is not { } attached)
        {
            return context.Unknown($"could not read the roles attached to {AwsRequirement.Describe(aws)}: {aws.AttachedRolesGap}");
        }

        var where = aws.IsServerless ? $"namespace {aws.Target?.NamespaceName}" : AwsRequirement.Describe(aws);
        var details = CustomerRoleRequirement.Details(aws);
        details.AddRange(attached.Select(r => $"attached: {r.Arn} ({r.ApplyStatus ?? "status not reported"})"));
        if (aws.IsServerless)
        {
            details.Add(DefaultRoleDetail(aws));
        }

        // A role read from another account than --role-arn's names the wrong ARN: the cluster lists the one given.
        var roleArn = CustomerRoleRequirement.AccountMismatch(aws) is null ? aws.Role?.Arn : aws.RequestedRoleArn;
        if (roleArn is null)
        {
            return attached.Count == 0
                ? context.Fail($"no IAM role is attached to {where}", details,
                    context.Remedy("choose-role", ("target", where)))
                : context.Unknown($"no customer role examined: {aws.Selection.Note}", details);
        }

        var match = attached.FirstOrDefault(r => string.Equals(r.Arn, roleArn, StringComparison.Ordinal));
        if (match is null)
        {
            return context.Fail($"role {roleArn} is not attached to {where}", details, Attach(context, aws, attached, roleArn));
        }

        return match.ApplyStatus?.ToLowerInvariant() switch
        {
            "in-sync" => context.Pass($"role {roleArn} is attached to {where} (in-sync)", details),
            "adding" => context.Warn($"role {roleArn} is being attached to {where} (adding): it is usable once in-sync", details,
                context.Remedy("wait", ("target", where))),
            null => context.Pass($"role {roleArn} is attached to {where}", details),
            var status => context.Fail($"role {roleArn} is {status} on {where}", details, Attach(context, aws, attached.Where(r => r != match).ToList(), roleArn)),
        };
    }

    private static IReadOnlyList<RemediationStep> Attach(RuleContext context, AwsFacts aws, IReadOnlyList<AttachedRoleFacts> others, string roleArn)
    {
        var region = ShellQuote.Arg(aws.Region);
        if (aws.IsServerless)
        {
            return AttachServerless(context, aws, others, roleArn, region);
        }

        var cluster = aws.Target?.Identifier ?? "<cluster>";
        return context.Remedy("attach-provisioned", ("cluster", cluster), ("cluster_sh", ShellQuote.Arg(cluster)), ("role", roleArn),
            ("role_sh", ShellQuote.Arg(roleArn)), ("region_sh", region));
    }

    /// <summary>
    /// UpdateNamespace replaces the whole role list, and iamRoles "must be updated together with defaultIamRoleArn"
    /// (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_UpdateNamespace.html): keep the roles
    /// already attached and the current default role (the customer role when there is none). When the default role
    /// was not read, the fix says so and shows how to look it up rather than silently replacing it.
    /// </summary>
    private static IReadOnlyList<RemediationStep> AttachServerless(RuleContext context, AwsFacts aws, IReadOnlyList<AttachedRoleFacts> others, string roleArn, string region)
    {
        var ns = aws.Target?.NamespaceName ?? "<namespace>";
        var roles = string.Join(" ", others.Select(r => r.Arn).Append(roleArn).Distinct(StringComparer.Ordinal).Select(ShellQuote.Arg));
        var seen = (aws.AttachedRoles ?? others).Select(r => r.Arn).Distinct(StringComparer.Ordinal).ToList();
        var guard = NamespaceRolesGuard.UnchangedQuery(seen, aws.NamespaceDefaultIamRoleArn);
        var changed = $"stopped: the IAM roles of namespace {ns} changed since cargo-doctor read them; run cargo-doctor check again".ReplaceLineEndings(" ");
        var common = new[]
        {
            ("namespace", ns), ("namespace_sh", ShellQuote.Arg(ns)), ("roles_sh", roles), ("region_sh", region),
            ("unchanged_query_sh", ShellQuote.Arg(guard)), ("changed_sh", ShellQuote.Arg(changed)),
        };
        return aws.NamespaceDefaultIamRoleArn switch
        {
            null => context.Remedy("attach-serverless-default-unknown", [.. common, ("role", roleArn), ("role_sh", ShellQuote.Arg(roleArn))]),
            "" => context.Remedy("attach-serverless-with-default", [.. common, ("default_role_sh", ShellQuote.Arg(roleArn))]),
            var current => context.Remedy("attach-serverless-with-default", [.. common, ("default_role_sh", ShellQuote.Arg(current))]),
        };
    }

    /// <summary>One line on the namespace's default IAM role (Serverless only).</summary>
    private static string DefaultRoleDetail(AwsFacts aws) => aws.NamespaceDefaultIamRoleArn switch
    {
        null => "default role: not read (GetNamespace did not report defaultIamRoleArn, or the facts file predates it)",
        "" => "default role: none",
        var arn => $"default role: {arn}",
    };
}

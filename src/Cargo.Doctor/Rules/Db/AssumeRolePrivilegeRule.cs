using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>
/// db.assume-role-privilege: the Cargo user may use the whole role chain for COPY and UNLOAD. By
/// default PUBLIC may use every role; after REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL a grant of
/// the chain as a whole is needed, and a superuser always keeps the privilege
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html). Evidence, strongest first:
/// the round-trip probe through the same chain, has_assumerole_privilege
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_ASSUMEROLE_PRIVILEGE.html, which does not say how
/// it treats a chain, so its "no" alone only warns), and the explicit grants in svv_iam_privileges
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_IAM_PRIVILEGES.html).
/// </summary>
public sealed class AssumeRolePrivilegeRule : IRule
{
    public const string Id = "db.assume-role-privilege";

    private static readonly string[] Commands = ["COPY", "UNLOAD"];

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        var facts = warehouse.AssumeRole;
        if (facts is null)
        {
            return warehouse.User is null
                ? context.Unknown("no database connection succeeded")
                : context.Skipped("needs both roles of the chain: your role (--role-arn, or the role the AWS checks find with --cluster or --workgroup) and Cargo's role (--cargo-role-arn)");
        }

        if (warehouse.User?.IsSuperuser == true)
        {
            return context.Pass($"\"{warehouse.CargoUser}\" is a superuser, which always holds ASSUMEROLE (see db.least-privilege)");
        }

        var chain = facts.Chain();
        var fix = context.Remedy("grant-assumerole", ("chain", SqlQuote.Literal(chain)), ("user", SqlQuote.Ident(warehouse.CargoUser)));
        var visibility = new CatalogVisibility(warehouse);
        var via = Commands.Select(c => GrantedVia(warehouse, facts, visibility, c)).ToList();
        var details = new List<string> { $"role chain: {chain}" };
        details.AddRange(via.Select(v => v.Line));

        var probes = context.Facts.Probes;
        var roundTrip = probes?[ProbeIds.CopyRoundTrip];
        if (probes?.RoundTrip?.RoleChain == chain && roundTrip?.Status == ProbeRunStatus.Ran)
        {
            if (roundTrip.Succeeded == true)
            {
                return context.Pass($"UNLOAD and COPY through the chain worked as \"{warehouse.CargoUser}\" ({ProbeIds.CopyRoundTrip})", details);
            }

            if (roundTrip.Error?.Cause == ProbeErrorCause.AssumeRolePermission)
            {
                return context.Fail(
                    $"\"{warehouse.CargoUser}\" may not use the role chain: {ProbeIds.CopyRoundTrip} failed with Redshift's \"does not have ASSUMEROLE permission\" error",
                    [.. details, $"server message: {roundTrip.Error.Message.Split('\n')[0]}"], fix);
            }
        }

        var answers = new[] { ("COPY", facts.Copy), ("UNLOAD", facts.Unload) };
        if (answers.All(a => a.Item2 == true))
        {
            return context.Pass($"has_assumerole_privilege: \"{warehouse.CargoUser}\" may use the chain for COPY and UNLOAD", details);
        }

        if (answers.Any(a => a.Item2 is null))
        {
            if (via.All(v => v.Granted))
            {
                return context.Pass($"svv_iam_privileges lists a grant of the chain for COPY and UNLOAD that reaches \"{warehouse.CargoUser}\"", details);
            }

            return context.Unknown(
                $"whether \"{warehouse.CargoUser}\" may use the chain could not be asked: {facts.PrivilegeGap?.ToString() ?? "no answer"}",
                [.. details, "run again logged in as the Cargo user (without --login-user) or as a superuser"]);
        }

        var refused = answers.Where(a => a.Item2 == false).Select(a => a.Item1).ToList();
        var summary = $"has_assumerole_privilege: \"{warehouse.CargoUser}\" may not use the chain for {string.Join(" and ", refused)}";
        var listed = via.Where(v => v.Granted && refused.Contains(v.Command)).Select(v => v.Command).ToList();
        if (listed.Count > 0)
        {
            return context.Unknown(
                $"{summary}, but svv_iam_privileges lists a grant of the chain for {string.Join(" and ", listed)} that reaches the user: the two disagree",
                [.. details, $"{ProbeIds.CopyRoundTrip} (run without --read-only, with --bucket) settles it"]);
        }

        if (visibility.SeesAllRows && facts.Grants is not null)
        {
            return context.Fail($"{summary}; svv_iam_privileges lists no grant of the chain for it", details, fix);
        }

        // Only the function says no, and its page does not document a chain argument.
        return context.Warn(
            $"{summary} (ASSUMEROLE control is on)",
            [.. details,
                "has_assumerole_privilege's page does not say how it treats a role chain, and no other evidence confirms it: " +
                $"{ProbeIds.CopyRoundTrip} through the same chain, or svv_iam_privileges read by a superuser or a login with ACCESS SYSTEM TABLE, would",
                .. visibility.SeesAllRows ? [] : visibility.HowToSee(CatalogView.IamPrivileges, "grants of the chain to PUBLIC, groups and other roles")],
            fix);
    }

    /// <summary>Where ASSUMEROLE for one command comes from, as svv_iam_privileges shows it.</summary>
    private static (string Command, bool Granted, string Line) GrantedVia(WarehouseFacts warehouse, AssumeRoleFacts facts, CatalogVisibility visibility, string command)
    {
        if (facts.Grants is null)
        {
            return (command, false, $"{command} granted via: not visible from this login ({facts.GrantsGap?.ToString() ?? "svv_iam_privileges not read"})");
        }

        var sources = facts.Grants
            .Where(g => g.Command.Equals(command, StringComparison.OrdinalIgnoreCase) || g.Command.Equals("ALL", StringComparison.OrdinalIgnoreCase))
            .Select(g => Source(warehouse, g) is { } source ? source + (g.OnAll ? " (ON ALL)" : "") : null)
            .OfType<string>()
            .Distinct()
            .ToList();
        if (sources.Count > 0)
        {
            return (command, true, $"{command} granted via: {string.Join(", ", sources)}");
        }

        return (command, false, visibility.SeesAllRows
            ? $"{command} granted via: no explicit grant of this chain (only PUBLIC's default ASSUMEROLE on every role, before per-user control is switched on, would give it)"
            : $"{command} granted via: not visible from this login (svv_iam_privileges shows \"{visibility.Login}\" only its own entries)");
    }

    private static string? Source(WarehouseFacts warehouse, IamPrivilegeGrant grant) => grant.GranteeType.ToLowerInvariant() switch
    {
        "public" => "PUBLIC",
        "user" when grant.Grantee == warehouse.CargoUser => "directly",
        "role" => warehouse.Rbac?.UserRoles.FirstOrDefault(m => m.Role == grant.Grantee) is { } m
            ? m.Path.Count <= 2 ? $"role \"{m.Role}\"" : $"role \"{m.Role}\" through {string.Join(" -> ", m.Path.Skip(1).SkipLast(1).Select(r => $"role \"{r}\""))}"
            : null,
        "group" when warehouse.Rbac?.CargoUserGroups?.Contains(grant.Grantee) == true => $"group \"{grant.Grantee}\"",
        _ => null,
    };
}

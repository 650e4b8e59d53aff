using System.Globalization;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.ProbeErrors;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Probes;

/// <summary>
/// What the three probe rules share: skipped -> skipped with the reason; passed -> pass with what
/// was observed and timings; failed -> the classified cause's explanation, the raw error in the
/// details, and the catalog fix for that cause.
/// </summary>
internal static class ProbeFinding
{
    /// <param name="refine">
    /// A probe's own reading of a classified error when the error text alone does not say which cause it is:
    /// the catalog fix to use and the summary's explanation; null keeps the classifier's.
    /// </param>
    public static Finding Evaluate(RuleContext context, Func<ProbeFacts, ProbeResult, string> passSummary,
        Func<ProbeFacts, ProbeError, IEnumerable<string>>? explain = null,
        Func<ProbeFacts, ProbeError, (string Key, string Explanation)?>? refine = null)
    {
        var probes = context.Facts.Probes;
        var result = probes?[context.Descriptor.Id];
        if (probes is null || result is null)
        {
            return context.Skipped("not run: the warehouse was not examined (no --endpoint given)");
        }

        if (result.Status == ProbeRunStatus.Skipped)
        {
            return context.Skipped(result.SkipReason ?? "not run");
        }

        if (result.Status == ProbeRunStatus.NotConnected)
        {
            // The catalog reads connected, the probe could not: nothing was proved either way.
            return context.Unknown($"not verified: {result.SkipReason ?? "the probe could not connect"}; run again when the warehouse answers");
        }

        var where = $"ran in database \"{probes.Database}\" as \"{probes.User}\"";
        var timings = result.Timings.Select(t => $"{t.Step}: {Milliseconds(t.Milliseconds)}");
        if (result.Succeeded == true || result.Error is null)
        {
            return context.Pass(passSummary(probes, result), [where, .. result.Observations, .. timings]) with { Duration = Total(result) };
        }

        var error = result.Error;
        if (error.Cause is ProbeErrorCause.ConnectionLost or ProbeErrorCause.TimedOut)
        {
            // The warehouse did not answer, it did not refuse: no fix to give, only "could not verify".
            var unknown = context.Unknown(
                $"not verified: the {error.Step} step could not finish: {FirstLine(error.Message)}",
                [where, $"failed step: {error.Step}", .. result.Observations, .. timings]);
            return unknown with { Duration = Total(result) };
        }

        var pattern = ProbeErrorClassifier.Describe(error.Cause);
        var key = error.Cause == ProbeErrorCause.RoundTripMismatch ? "mismatch" : pattern?.RemediationKey ?? ProbeErrorClassifier.OtherRemediation;
        // When db.function-role already names what is missing, its fix is the precise one: point to it
        // instead of repeating CREATE ROLE for a role that may exist.
        if (key == "grant-function-role" && FunctionRoleCatalogShowsProblem(context))
        {
            key = "see-function-role";
        }

        var refined = refine?.Invoke(probes, error);
        key = refined?.Key ?? key;
        key = context.Descriptor.Remediation.ContainsKey(key) ? key : ProbeErrorClassifier.OtherRemediation;
        var summary = error.Cause switch
        {
            ProbeErrorCause.RoundTripMismatch => $"the {error.Step} step found a difference: {FirstLine(error.Message)}",
            _ when refined is { } r => $"the {error.Step} step failed: {r.Explanation}",
            // A data error of the probe's own rows says more in the server's words than as "not a setup problem".
            _ when pattern is null || error.Cause == ProbeErrorCause.DataError => $"the {error.Step} step failed: {FirstLine(error.Message)}",
            _ => $"the {error.Step} step failed: {pattern.Explanation}",
        };
        var failedStatement = result.Statements.LastOrDefault()?.Sql;
        var details = new List<string> { where, $"failed step: {error.Step}" };
        if (error.SqlState is not null)
        {
            details.Add($"SQLSTATE: {error.SqlState}");
        }

        details.AddRange(error.Message.Split('\n').Select((line, i) => i == 0 ? $"server message: {line}" : $"  {line}"));
        if (error.EndedSession)
        {
            details.Add("the session ended with this error; what ran after it ran on a new session (cargo-doctor reconnected)");
        }
        details.AddRange(explain?.Invoke(probes, error) ?? []);
        if (failedStatement is not null)
        {
            details.Add($"statement: {failedStatement.ReplaceLineEndings(" ")}");
        }

        details.AddRange(result.Observations);
        details.AddRange(timings);
        return context.Fail(summary, details, context.Remedy(key, Values(context, probes))) with { Duration = Total(result) };
    }

    private static bool FunctionRoleCatalogShowsProblem(RuleContext context)
    {
        var rbac = context.Facts.Warehouse?.Rbac;
        if (rbac is null || rbac.Gap is not null)
        {
            return false;
        }

        return !rbac.RoleExists || rbac.FunctionRoleMembership() is null || rbac.FunctionPrivilegeHolders()?.Contains(rbac.FunctionRole) == false;
    }

    /// <summary>Every placeholder any probe template uses, already quoted for where it goes.</summary>
    private static (string Name, string Value)[] Values(RuleContext context, ProbeFacts probes)
    {
        var rt = probes.RoundTrip;
        var user = probes.User ?? context.Facts.Target.User ?? "cargo_user";
        return
        [
            ("user", SqlQuote.Ident(user)),
            ("user_plain", user),
            ("database", SqlQuote.Ident(probes.Database ?? "")),
            ("role", SqlQuote.Ident(context.Facts.Target.FunctionRole ?? "cargo_create_replace_function")),
            ("schema", SqlQuote.Ident(probes.ScratchSchema ?? "")),
            ("chain", rt is null ? "''" : SqlQuote.Literal(rt.RoleChain)),
            ("customer_role", rt?.CustomerRoleArn ?? "(your role)"),
            ("cargo_role", rt?.CargoRoleArn ?? "(Cargo's role)"),
            ("bucket", rt?.Bucket ?? "(Cargo's bucket)"),
            ("folder", rt?.Folder ?? "(the run's folder)"),
        ];
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static string Milliseconds(double ms) =>
        ms >= 1000 ? (ms / 1000).ToString("0.0 's'", CultureInfo.InvariantCulture) : ms.ToString("0 'ms'", CultureInfo.InvariantCulture);

    private static TimeSpan Total(ProbeResult result) => TimeSpan.FromMilliseconds(result.Timings.Sum(t => t.Milliseconds));

    public static string Timing(ProbeResult result, string step) =>
        result.Timings.FirstOrDefault(t => t.Step == step) is { } t ? Milliseconds(t.Milliseconds) : "?";
}

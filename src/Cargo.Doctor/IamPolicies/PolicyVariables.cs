using System.Text.RegularExpressions;

namespace Cargo.Doctor.IamPolicies;

/// <summary>
/// Policy variables in condition values (<c>${aws:PrincipalAccount}</c>) stand for a request value
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html). Comparing the
/// literal text would give a confident wrong answer, so a variable we cannot resolve makes the condition unknown.
/// </summary>
public static partial class PolicyVariables
{
    /// <summary>The condition with every variable replaced, or null when one names a value we do not know.</summary>
    public static PolicyCondition? Resolve(PolicyCondition condition, Func<string, RequestKeyValue> lookup)
    {
        if (!condition.Values.Any(v => v.Contains("${", StringComparison.Ordinal)))
        {
            return condition;
        }

        var values = new List<string>();
        foreach (var value in condition.Values)
        {
            if (ResolveText(value, lookup) is not { } replaced)
            {
                return null;
            }

            values.Add(replaced);
        }

        return condition with { Values = values };
    }

    /// <summary>The text with every variable replaced, or null when one names a value we do not know.</summary>
    public static string? ResolveText(string value, Func<string, RequestKeyValue> lookup)
    {
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }

        var unresolved = false;
        var replaced = Variable().Replace(value, m =>
        {
            var known = lookup(m.Groups["key"].Value);
            unresolved |= known.Kind != RequestKeyKind.Present;
            return known.Value ?? "";
        });
        return unresolved || replaced.Contains("${", StringComparison.Ordinal) ? null : replaced;
    }

    // ${key} or ${key, 'default'}: defaults are not resolved here, so they stay and make the value unknown.
    [GeneratedRegex(@"\$\{(?<key>[^}',\s]+)\}")]
    private static partial Regex Variable();
}

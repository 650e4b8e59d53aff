using Cargo.Doctor.Facts;

namespace Cargo.Doctor.History;

/// <summary>
/// Whether two runs looked at the same warehouse (<see cref="TargetIdentity.SameAs"/>). A baseline or
/// diff across targets compares unrelated findings ("5 fixed" that were never fixed), so the CLI makes
/// a difference a usage error unless --allow-other-target, and then every output says so at the top.
/// </summary>
public static class TargetMatch
{
    /// <summary>One line naming both targets when they differ; null when they are the same or a side names none.</summary>
    public static string? Difference(string earlierName, RunFindings earlier, string laterName, TargetIdentity? later, bool laterRedacted)
    {
        if (earlier.Target is not { } was || later is null)
        {
            return null;
        }

        if (earlier.Redacted != laterRedacted)
        {
            // Tokens and names never match: comparing them would call every item new or fixed.
            return $"{earlierName} {(earlier.Redacted ? "was" : "was not")} redacted and {laterName} {(laterRedacted ? "is" : "is not")}: " +
                $"{earlierName} is ({was.Describe()}), {laterName} is ({later.Describe()})";
        }

        return was.SameAs(later) ? null : $"another warehouse: {earlierName} is ({was.Describe()}) but {laterName} is ({later.Describe()})";
    }

    /// <summary>The line at the top of every output when --allow-other-target let a difference through.</summary>
    public static string Banner(string difference) =>
        $"{difference}; compared anyway (--allow-other-target), so new and fixed compare two different targets";
}

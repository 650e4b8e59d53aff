using System.Text.RegularExpressions;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>
/// What macOS's /bin/bash 3.2 cannot run in a generated script. Under <c>set -u</c>, bash before 4.4 treats
/// <c>"${arr[@]}"</c> of an empty array as unbound (fixed in 4.4; the guard <c>${arr[@]+"${arr[@]}"}</c> is
/// the one form every version runs: https://stackoverflow.com/questions/7577052/bash-empty-array-expansion-with-set-u),
/// and bash 4 features (associative arrays, mapfile, case modification, namerefs, ${x@Q}, |&amp;, &amp;&gt;&gt;,
/// [[ -v ]], negative indexes) do not exist there (https://git.savannah.gnu.org/cgit/bash.git/tree/NEWS).
/// Debian has no bash 3.2, so this scan (plus <c>bash -n</c>) is the test.
/// </summary>
public static partial class Bash32Scan
{
    private static readonly (Regex Pattern, string Why)[] Bash4Only =
    [
        (new(@"\b(declare|local|typeset)\s+-[a-zA-Z]*A"), "associative array (bash 4.0)"),
        (new(@"\b(declare|local|typeset)\s+-[a-zA-Z]*n\b"), "nameref (bash 4.3)"),
        (new(@"\b(mapfile|readarray|coproc)\b"), "mapfile/readarray/coproc (bash 4.0)"),
        (new(@"\$\{[A-Za-z_]\w*(\[[^]]*\])?(,,|\^\^|,|\^)\}"), "case modification ${x,,} (bash 4.0)"),
        (new(@"\$\{[A-Za-z_]\w*(\[[^]]*\])?@[QEPAaUuLK]\}"), "${x@Q} transformation (bash 4.4)"),
        (new(@"\|&"), "|& (bash 4.0)"),
        (new(@"&>>"), "&>> (bash 4.0)"),
        (new(@"\[\[\s+-v\s"), "[[ -v ]] (bash 4.2)"),
        (new(@"\$\{[A-Za-z_]\w*\[-\d+\]\}"), "negative array index (bash 4.3)"),
        (new(@"\bwait\s+-n\b"), "wait -n (bash 4.3)"),
        (new(@"\bglobstar\b"), "globstar (bash 4.0)"),
        (new(@"\$\{?(EPOCHSECONDS|EPOCHREALTIME|SRANDOM|BASH_ARGV0)\b"), "bash 5 variable"),
    ];

    /// <summary>Each line that bash 3.2 cannot run, with the reason; empty when the script is fine.</summary>
    public static IReadOnlyList<string> Problems(string script)
    {
        var problems = new List<string>();
        var lines = script.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            problems.AddRange(Bash4Only.Where(f => f.Pattern.IsMatch(line)).Select(f => $"line {n + 1}: {f.Why}: {line.Trim()}"));
            foreach (Match expansion in ArrayExpansion().Matches(line))
            {
                var name = expansion.Groups["name"].Value;
                var before = line[..expansion.Index];
                var guarded = before.EndsWith($"${{{name}[@]+\"", StringComparison.Ordinal) || before.EndsWith($"${{{name}[*]+\"", StringComparison.Ordinal);
                if (!guarded)
                {
                    problems.Add($"line {n + 1}: unguarded expansion of array {name} (unbound when empty under set -u before bash 4.4): {line.Trim()}");
                }
            }
        }

        return problems;
    }

    /// <summary>${name[@]} or ${name[*]} (not ${#name[@]}, not the ${name[@]+...} guard itself).</summary>
    [GeneratedRegex(@"(?<!#)\$\{(?<name>[A-Za-z_]\w*)\[[@*]\]\}")]
    private static partial Regex ArrayExpansion();
}

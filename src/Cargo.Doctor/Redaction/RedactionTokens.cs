using System.Text.RegularExpressions;

namespace Cargo.Doctor.Redaction;

/// <summary>
/// The token map of one redaction: each distinct name gets one token of its kind, numbered in the
/// order names were found (<c>schema_1</c>, <c>host_1</c>, <c>account_1</c>), so the same name is
/// the same token in every place and every format.
/// </summary>
public sealed class RedactionTokens
{
    // Characters that continue an identifier: a name only matches where none of these touch it.
    private const string IdentifierChar = "[A-Za-z0-9_$]";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private Regex? _pattern;

    public IReadOnlyDictionary<string, string> Map => _tokens;

    /// <summary>Registers a name (first kind wins, so a database and a schema both called "sales" share one token).</summary>
    public void Add(string kind, string name)
    {
        if (name.Length == 0 || _tokens.ContainsKey(name) || IsToken(name) || IsPublicGrantee(kind, name) || IsDefaultSubnetGroup(kind, name))
        {
            return;
        }

        var next = _counters.GetValueOrDefault(kind) + 1;
        _counters[kind] = next;
        var token = $"{kind}_{next}";
        _tokens[name] = token;

        // Findings quote names for SQL ("" and '') and the shell ('\''): the quoted spellings are the same name.
        foreach (var quoted in new[] { name.Replace("\"", "\"\"", StringComparison.Ordinal), name.Replace("'", "''", StringComparison.Ordinal), name.Replace("'", "'\\''", StringComparison.Ordinal) })
        {
            _tokens.TryAdd(quoted, token);
        }

        _pattern = null;
    }

    /// <summary>Replaces every registered name in the text: the whole text, or each whole-word occurrence.</summary>
    public string Replace(string text)
    {
        if (_tokens.Count == 0 || text.Length == 0)
        {
            return text;
        }

        if (_tokens.TryGetValue(text, out var whole))
        {
            return whole;
        }

        _pattern ??= new Regex(
            $"(?<!{IdentifierChar})(?:{string.Join('|', _tokens.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Select(Regex.Escape))})(?!{IdentifierChar})",
            RegexOptions.CultureInvariant);
        return _pattern.Replace(text, m => _tokens[m.Value]);
    }

    private bool IsToken(string name) => _tokens.ContainsValue(name);

    /// <summary>
    /// PUBLIC is the grantee for every user (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html),
    /// not a customer's name: no user can be called PUBLIC
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html), and a grant to PUBLIC names
    /// no role or group. As a token it would also swallow the word "public" in every sentence.
    /// </summary>
    private static bool IsPublicGrantee(string kind, string name) =>
        kind is "user" or "role" or "group" && name.Equals("public", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "default" is the subnet group Redshift creates itself (https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-cluster-subnet-groups.html),
    /// not a customer's name; as a token it would swallow the word "default" (the default ACL, the default route) everywhere.
    /// </summary>
    private static bool IsDefaultSubnetGroup(string kind, string name) => kind == "subnet_group" && name == "default";
}

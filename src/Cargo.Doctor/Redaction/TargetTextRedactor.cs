using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Redaction;

/// <summary>
/// <c>--redact</c> for a text that no facts snapshot holds, such as a fleet target's error row: the
/// target's configured names (host, databases, schemas, users, cluster) and whatever the text itself
/// shows of a host, address or account id become tokens, as <see cref="FactsRedactor"/> makes them.
/// </summary>
public static class TargetTextRedactor
{
    public static string Redact(string text, TargetDescription target)
    {
        FactsRedactor.Redact(new FactsSnapshot { ToolVersion = ToolVersion.Current, StartedAt = DateTimeOffset.UnixEpoch, Target = target }, out var tokens);
        foreach (var (kind, value) in SensitivePatterns.Find(text))
        {
            tokens.Add(kind, value);
        }

        return tokens.Replace(text);
    }
}

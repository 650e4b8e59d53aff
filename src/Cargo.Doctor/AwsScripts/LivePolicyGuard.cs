using System.Text.Json.Nodes;

namespace Cargo.Doctor.AwsScripts;

/// <summary>
/// The live-state guard of a script step that replaces a policy document: an <c>aws ... --query</c>
/// expression that prints <c>True</c> only when the live document is the one cargo-doctor saw. The
/// comparison runs in the aws CLI's own JMESPath engine (CLI v1 and v2 alike; no jq, python or sha256sum
/// needed on a stock Mac), on both documents parsed as JSON, after <see cref="Normalisation"/>: so key
/// order, whitespace and escapes never count, and neither does a single statement or value written
/// as a one-element list. The CLI prints the document as parsed JSON in both versions (botocore decodes
/// policy documents after the call). Any other difference stops the script.
/// </summary>
public static class LivePolicyGuard
{
    /// <summary>
    /// One policy document in a canonical shape: its top-level keys, Version and Id; each statement (a lone
    /// statement made a list) as its keys, Sid, Effect, Condition as written, and Action, NotAction,
    /// Resource, NotResource and each Principal/NotPrincipal kind as lists. map() needs jmespath 0.9 (2015).
    /// </summary>
    public const string Normalisation =
        "{V: Version, I: Id, K: sort(keys(@)), S: map(&{K: sort(keys(@)), Sid: Sid, E: Effect, " +
        "A: to_array(Action), NA: to_array(NotAction), R: to_array(Resource), NR: to_array(NotResource), " +
        "P: Principal.{A: to_array(AWS), S: to_array(Service), F: to_array(Federated), C: to_array(CanonicalUser)}, PW: Principal == '*', " +
        "NP: NotPrincipal.{A: to_array(AWS), S: to_array(Service), F: to_array(Federated), C: to_array(CanonicalUser)}, NPW: NotPrincipal == '*', " +
        "C: Condition}, to_array(Statement))}";

    /// <summary>
    /// The query comparing the document at <paramref name="path"/> of the CLI's answer with <paramref name="seenJson"/>:
    /// both normalised the same way, by the same engine, so the comparison cannot drift from a C# re-implementation.
    /// </summary>
    public static string UnchangedQuery(string path, string seenJson) =>
        $"[{path}, `{Literal(seenJson)}`] | map(&{Normalisation}, @) | [0] == [1]";

    /// <summary>The document as a JMESPath JSON literal: one line, a backtick escaped (the only character a literal escapes).</summary>
    private static string Literal(string json) =>
        (JsonNode.Parse(json) ?? throw new FormatException("the policy document is JSON null")).ToJsonString()
            .Replace("`", "\\`", StringComparison.Ordinal);
}

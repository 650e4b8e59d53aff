using System.Text.Json;
using System.Text.Json.Nodes;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Files;

namespace Cargo.Doctor.Redaction;

/// <summary>
/// <c>--redact</c>: rewrites a facts snapshot so that account ids, hosts, IP addresses and the
/// customer's object names (databases, schemas, tables, users, roles, clusters, buckets) become
/// tokens, before any rule runs: findings, remediation, fix scripts and every report only ever see
/// tokens. Walks the snapshot's JSON tree, so facts added later are covered: names are found by
/// property name (<see cref="NameKinds"/>) and by shape (<see cref="SensitivePatterns"/>), then
/// replaced in every string, free text included.
/// </summary>
public static class FactsRedactor
{
    /// <summary>A history failure's statement text (<c>HistoryFailure.Statement</c>): every identifier and literal becomes a token.</summary>
    private const string StatementProperty = "statement";

    public static FactsSnapshot Redact(FactsSnapshot facts) => Redact(facts, out _);

    public static FactsSnapshot Redact(FactsSnapshot facts, out RedactionTokens tokens)
    {
        var root = JsonSerializer.SerializeToNode(facts, FactsJsonContext.Default.FactsSnapshot)
            ?? throw new InvalidOperationException("facts serialised to nothing");
        tokens = new RedactionTokens();
        Collect(root, null, null, tokens);
        var rewritten = Rewrite(root, null, tokens);
        return rewritten.Deserialize(FactsJsonContext.Default.FactsSnapshot)! with { Redacted = true };
    }

    private static void Collect(JsonNode? node, string? property, string? container, RedactionTokens tokens)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Collect(child, key, property ?? container, tokens);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, item is JsonValue ? property : null, property ?? container, tokens);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && !NameKinds.IsProtected(property):
                CollectString(value.GetValue<string>(), property, container, tokens);
                break;
        }
    }

    private static void CollectString(string text, string? property, string? container, RedactionTokens tokens)
    {
        if (property == StatementProperty)
        {
            SqlTextTokens.Collect(text, tokens);
        }

        foreach (var (shape, found) in SensitivePatterns.Find(text))
        {
            tokens.Add(shape, found);
        }

        var kind = property is null ? null : NameKinds.For(property, container);
        if (kind is null || text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return;
        }

        // Target.Schemas holds DB.SCHEMA[:read]: register both parts, not the composite.
        if (kind == "schema" && (text.Contains('.') || text.Contains(':')) && SchemaTarget.TryParse(text) is { } target)
        {
            tokens.Add("database", target.Database);
            tokens.Add("schema", target.Schema);
            return;
        }

        // A CIDR's address is the name; its prefix length says nothing about the customer.
        if (kind == "ip")
        {
            var address = text.Split('/', 2)[0].Trim();
            if (!SensitivePatterns.IsWellKnown(address))
            {
                tokens.Add("ip", address);
            }

            return;
        }

        tokens.Add(kind == "host" && SensitivePatterns.IsIpAddress(text) ? "ip" : kind, text);
    }

    private static JsonNode Rewrite(JsonNode node, string? property, RedactionTokens tokens)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    copy[key] = child is null ? null : Rewrite(child, key, tokens);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => item is null ? null : Rewrite(item, property, tokens)).ToArray());
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && property == StatementProperty:
                return JsonValue.Create(SqlTextTokens.Redact(value.GetValue<string>(), tokens));
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && !NameKinds.IsProtected(property):
                return JsonValue.Create(tokens.Replace(value.GetValue<string>()));
            default:
                return node.DeepClone();
        }
    }
}

using System.Text.Json.Nodes;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// The whole state of a <see cref="FakeAwsAccount"/> as lines (one fact each: a trust statement, an inline
/// policy, an attached role, a flag, an ingress rule), JSON canonicalised (keys sorted, no whitespace), so
/// that a test can say "after = before + only these additions" with two multiset differences.
/// </summary>
public sealed partial class FakeAwsAccount
{
    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            var lines = new List<string>();
            foreach (var role in Roles.Values)
            {
                var trust = JsonNode.Parse(role.TrustPolicy)!.AsObject();
                foreach (var (key, value) in trust.Where(p => p.Key != "Statement"))
                {
                    lines.Add($"role {role.Name} trust {key} {Canonical(value)}");
                }

                var statements = trust["Statement"] is JsonArray list ? list.ToList() : [trust["Statement"]];
                lines.AddRange(statements.Select(s => $"role {role.Name} trust statement {Canonical(s)}"));
                lines.AddRange(role.InlinePolicies.Select(p => $"role {role.Name} inline {p.Key} {Canonical(JsonNode.Parse(p.Value))}"));
            }

            foreach (var cluster in Clusters.Values)
            {
                lines.Add($"cluster {cluster.Id} public {cluster.PubliclyAccessible}");
                lines.AddRange(cluster.IamRoles.Select(r => $"cluster {cluster.Id} role {r}"));
                lines.AddRange(cluster.SecurityGroupIds.Select(g => $"cluster {cluster.Id} sg {g}"));
            }

            foreach (var workgroup in Workgroups.Values)
            {
                lines.Add($"workgroup {workgroup.Name} public {workgroup.PubliclyAccessible}");
                lines.AddRange(workgroup.SecurityGroupIds.Select(g => $"workgroup {workgroup.Name} sg {g}"));
            }

            foreach (var ns in Namespaces.Values)
            {
                lines.Add($"namespace {ns.Name} default {ns.DefaultIamRoleArn}");
                lines.AddRange(ns.IamRoles.Select(r => $"namespace {ns.Name} role {r}"));
            }

            foreach (var (group, rules) in SecurityGroups)
            {
                lines.AddRange(rules.Select(r => $"sg {group} ingress {r.Protocol} {r.FromPort}-{r.ToPort} {r.Cidr}"));
            }

            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
    }

    /// <summary>Lines of <paramref name="left"/> not in <paramref name="right"/>, counting duplicates.</summary>
    public static IReadOnlyList<string> Minus(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var rest = right.ToList();
        return left.Where(line => !rest.Remove(line)).ToList();
    }

    private static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };
}

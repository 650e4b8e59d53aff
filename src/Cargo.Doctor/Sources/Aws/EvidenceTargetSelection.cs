using System.Text.Json;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// Which cluster or workgroup of an evidence file is the one to check, when the file lists several (what
/// <c>aws redshift describe-clusters</c> prints without <c>--cluster-identifier</c>, or
/// <c>aws redshift-serverless list-workgroups</c>): the one named by --cluster/--workgroup, else the only one,
/// else the one whose endpoint address is the --endpoint host. Never the first by position: a fix for the wrong
/// cluster changes a customer's other warehouse. Still ambiguous: null, and <see cref="Ambiguity"/> names the candidates.
/// </summary>
internal static class EvidenceTargetSelection
{
    /// <param name="name">The name of one entry (ClusterIdentifier or workgroupName).</param>
    /// <param name="address">The endpoint address of one entry, when it has one.</param>
    public static JsonElement? Select(IReadOnlyList<JsonElement> entries, string? wanted, string? endpointHost, Func<JsonElement, string?> name, Func<JsonElement, string?> address)
    {
        if (wanted is not null)
        {
            var named = entries.Where(e => name(e) == wanted).ToList();
            return named.Count == 1 ? named[0] : null;
        }

        if (entries.Count == 1)
        {
            return entries[0];
        }

        var byEndpoint = endpointHost is null
            ? []
            : entries.Where(e => string.Equals(address(e)?.TrimEnd('.'), endpointHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)).ToList();
        return byEndpoint.Count == 1 ? byEndpoint[0] : null;
    }

    /// <summary>Why no entry was chosen, naming the candidates and the flag that settles it.</summary>
    public static string Ambiguity(IReadOnlyList<JsonElement> entries, string? wanted, string? endpointHost, Func<JsonElement, string?> name, string kind, string flag)
    {
        var names = string.Join(", ", entries.Select(e => name(e) ?? "(unnamed)"));
        if (wanted is not null)
        {
            return $"does not describe {kind} {wanted} (it lists {(entries.Count == 0 ? "none" : names)})";
        }

        if (entries.Count == 0)
        {
            return $"lists no {kind}";
        }

        var endpoint = endpointHost is null ? "" : $", and none has the endpoint address {endpointHost}";
        return $"lists {entries.Count} {kind}s ({names}){endpoint}: pass {flag} to say which one";
    }
}

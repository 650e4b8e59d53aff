using System.Text.Json;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.History;

/// <summary>
/// The target identity of a report.json: its <c>targetIdentity</c> (version 2), else what its
/// <c>target</c> header names (version 1: host, port, region, cluster or workgroup; no account).
/// </summary>
internal static class ReportTarget
{
    public static TargetIdentity? Read(JsonElement root)
    {
        if (root.TryGetProperty("targetIdentity", out var identity) && identity.ValueKind == JsonValueKind.Object)
        {
            return new TargetIdentity
            {
                Account = Text(identity, "account"),
                Region = Text(identity, "region"),
                Kind = Text(identity, "kind"),
                Name = Text(identity, "name"),
                Host = Text(identity, "host"),
                Port = Number(identity, "port"),
            };
        }

        if (root.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.Object)
        {
            var (kind, name) = Text(target, "workgroup") is { } w ? ("workgroup", w) : Text(target, "clusterIdentifier") is { } c ? ("cluster", c) : ((string?)null, (string?)null);
            return new TargetIdentity { Region = Text(target, "region"), Kind = kind, Name = name, Host = Text(target, "host"), Port = Number(target, "port") };
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;
}

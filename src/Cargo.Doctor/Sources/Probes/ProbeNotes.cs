using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>What the report's notes say about the probes' housekeeping (leftovers, reconnects, a failed cleanup).</summary>
public static class ProbeNotes
{
    public static IEnumerable<string> For(ProbeFacts probes)
    {
        if (probes.LeftoversDropped.Count > 0)
        {
            yield return $"dropped {probes.LeftoversDropped.Count} scratch schema(s) left by earlier cargo-doctor runs that did not finish, in \"{probes.Database}\": {string.Join(", ", probes.LeftoversDropped)}";
        }

        foreach (var left in probes.LeftoversLeftAlone)
        {
            yield return $"left \"{left.Schema}\" alone: {left.Reason}";
        }

        if (probes.LeftoverScanError is not null)
        {
            yield return $"could not look for scratch schemas left by earlier cargo-doctor runs: {probes.LeftoverScanError}";
        }

        foreach (var reconnect in probes.Reconnects)
        {
            yield return reconnect;
        }

        if (probes.CleanupError is not null)
        {
            yield return probes.CleanupError;
        }
    }
}

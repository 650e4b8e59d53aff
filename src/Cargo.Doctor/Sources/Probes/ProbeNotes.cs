using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>What the report's notes say about the probes' housekeeping (leftovers, a failed cleanup).</summary>
public static class ProbeNotes
{
    public static IEnumerable<string> For(ProbeFacts probes)
    {
        if (probes.LeftoversDropped.Count > 0)
        {
            yield return $"dropped {probes.LeftoversDropped.Count} scratch schema(s) left by earlier cargo-doctor runs that did not finish, in \"{probes.Database}\": {string.Join(", ", probes.LeftoversDropped)}";
        }

        if (probes.LeftoversKept.Count > 0)
        {
            yield return $"left {string.Join(", ", probes.LeftoversKept)} alone: created less than {ScratchSchema.LeftoverAge.TotalMinutes:0} minutes ago by cargo-doctor, possibly a run still in progress; a later run drops it";
        }

        if (probes.LeftoverScanError is not null)
        {
            yield return $"could not look for scratch schemas left by earlier cargo-doctor runs: {probes.LeftoverScanError}";
        }

        if (probes.CleanupError is not null)
        {
            yield return $"{probes.CleanupError}; drop it by hand: {ScratchSchema.DropStatement(probes.ScratchSchema ?? "")}";
        }
    }
}

namespace Cargo.Doctor.History;

/// <summary>How a check moved between two runs; declared in the order <c>diff</c> lists them.</summary>
public enum ChangeKind
{
    /// <summary>Now fail or warn, from pass, skipped, unknown (or warn to fail).</summary>
    Regressed,

    /// <summary>Fail or warn in both runs (fail to warn included).</summary>
    StillFailing,

    /// <summary>Only in the new run (a check added to the catalog, or newly selected).</summary>
    New,

    /// <summary>From fail, warn or unknown to pass.</summary>
    Fixed,

    /// <summary>Only in the old run.</summary>
    Removed,

    /// <summary>Any other move, e.g. pass to unknown or fail to unknown: not proven better or worse.</summary>
    Changed,

    /// <summary>Same status, not failing.</summary>
    Unchanged,
}

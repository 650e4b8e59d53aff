using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>Who logs in and whether the Cargo user exists: read once per cluster.</summary>
internal sealed record ClusterSession(string Login, bool LoginIsSuperuser, UserFacts User, IdentifierCaseFacts? IdentifierCase = null);

/// <summary>
/// The cluster-wide facts come from the first configured database that answers, as when databases
/// were read one after another. Now that they are read at the same time, database i waits for its
/// turn: it learns the facts an earlier database read, or null, which means "try on your connection".
/// </summary>
internal sealed class ClusterTurns
{
    private readonly TaskCompletionSource<ClusterSession?>[] _turns;

    public ClusterTurns(int databases)
    {
        _turns = Enumerable.Range(0, databases)
            .Select(_ => new TaskCompletionSource<ClusterSession?>(TaskCreationOptions.RunContinuationsAsynchronously))
            .ToArray();
        if (databases > 0)
        {
            _turns[0].SetResult(null);
        }
    }

    public Task<ClusterSession?> WaitAsync(int index, CancellationToken ct) => _turns[index].Task.WaitAsync(ct);

    /// <summary>Hands on what is known; only the first call per database counts (a finally may repeat it).</summary>
    public void Pass(int index, ClusterSession? known)
    {
        if (index + 1 < _turns.Length)
        {
            _turns[index + 1].TrySetResult(known);
        }
    }
}

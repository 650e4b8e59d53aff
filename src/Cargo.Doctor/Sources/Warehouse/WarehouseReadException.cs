using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// A statement could not finish for a reason outside the statement itself: the connection dropped,
/// the backend was terminated, or the command timeout ran out. Readers turn it into a gap. An
/// <see cref="NpgsqlException"/>, so callers that already handle Npgsql failures (probes) still do.
/// </summary>
public sealed class WarehouseReadException(Gap gap, Exception? inner = null) : NpgsqlException(gap.Reason, inner)
{
    public Gap Gap { get; } = gap;
}

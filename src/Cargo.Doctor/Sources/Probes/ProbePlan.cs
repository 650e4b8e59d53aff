using System.Globalization;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;

namespace Cargo.Doctor.Sources.Probes;

/// <summary>
/// What this run's probes will do, decided from the config before anything connects: the run id,
/// the database, the round-trip target (validated: a malformed ARN or bucket is a config error),
/// and why each probe that cannot run is skipped.
/// </summary>
public sealed record ProbePlan
{
    public required string RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public string ToolVersion { get; init; } = Cargo.Doctor.ToolVersion.Current;

    public required string CargoUser { get; init; }

    public string? Database { get; init; }

    public RoundTripTarget? RoundTrip { get; init; }

    /// <summary>Probe id -> reason, for every probe that will not run.</summary>
    public IReadOnlyDictionary<string, string> Skips { get; init; } = new Dictionary<string, string>();

    /// <summary>Schema names in the configuration: the leftover sweep never touches them.</summary>
    public IReadOnlyList<string> ConfiguredSchemas { get; init; } = [];

    public bool RunsAny => ProbeIds.All.Any(id => !Skips.ContainsKey(id));

    /// <summary>
    /// The catalog reads could not connect to the probe database: the probes do not try again (an
    /// unreachable warehouse costs one connect timeout per run, not two).
    /// </summary>
    public ProbePlan WithUnreachableDatabase(string failure) => this with
    {
        Skips = ProbeIds.All.ToDictionary(id => id, id => Skips.GetValueOrDefault(id,
            $"not run: the catalog reads could not connect to \"{Database}\" ({failure}); not tried again (see db.connect)")),
    };

    public static ProbePlan Create(DoctorConfig config, DateTimeOffset startedAt)
    {
        var runId = NewRunId(startedAt);
        var plan = new ProbePlan
        {
            RunId = runId,
            StartedAt = startedAt,
            CargoUser = config.Warehouse.User,
            Database = config.Warehouse.AllDatabases.FirstOrDefault(),
            RoundTrip = RoundTripTarget.FromConfig(config),
            // Every configured schema name, whatever its database: protecting more is harmless.
            ConfiguredSchemas = config.Warehouse.Schemas.Select(s => s.Schema).Distinct().ToList(),
        };

        string? allSkipped = null;
        if (config.ReadOnly)
        {
            allSkipped = "not run: --read-only turns live probes off";
        }
        else if (config.Warehouse.LoginUser is { } login && login != config.Warehouse.User)
        {
            allSkipped = $"not run: probes run only as the Cargo user, and the login is \"{login}\" (--login-user); run again without --login-user, with the Cargo user's password";
        }
        else if (config.Warehouse.Host is null || plan.Database is null)
        {
            allSkipped = "not run: no warehouse endpoint and database given";
        }

        var skips = new Dictionary<string, string>();
        foreach (var id in ProbeIds.All)
        {
            if (allSkipped is not null)
            {
                skips[id] = allSkipped;
            }
        }

        if (allSkipped is null && plan.RoundTrip is null)
        {
            skips[ProbeIds.CopyRoundTrip] = RoundTripTarget.Missing(config) is { Count: > 0 } missing
                ? $"not run: the round trip needs {string.Join(", ", missing)}"
                : $"not run: {RoundTripTarget.Unusable(config)}";
        }

        return plan with { Skips = skips };
    }

    /// <summary>Sortable, lower case (Redshift folds names), unique per run: 20250101t120000_1a2b3c4d.</summary>
    public static string NewRunId(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMdd't'HHmmss", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
}

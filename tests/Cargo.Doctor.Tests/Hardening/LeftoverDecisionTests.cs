using Cargo.Doctor.Sources.Probes;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>The sweep's decision for one schema, from its name, comment, the configuration and the live sessions.</summary>
[Trait("Category", "Unit")]
public sealed class LeftoverDecisionTests
{
    private const string Name = "cargo_doctor_20200101t000000_deadbeef";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LiveSessions Sessions = new(new LiveSession(100, "2026-12-01 11:00:00.000000"),
        [new LiveSession(100, "2026-12-01 11:00:00.000000"), new LiveSession(200, "2026-12-01 11:59:00.000000")]);

    private static string Marker(TimeSpan ago, LiveSession? session) => new ScratchMarker(Now - ago, "0.1.0", session).Text;

    private static LeftoverVerdict Decide(string? comment, LiveSessions? sessions = null, string[]? configured = null) =>
        LeftoverSweep.Decide(Name, comment, Now, configured ?? [], sessions, sessions is null ? "the sessions could not be listed" : null).Verdict;

    [Fact]
    public void marker_round_trips_with_its_session()
    {
        var marker = new ScratchMarker(Now, "1.2.3", new LiveSession(4242, "2026-12-01 11:00:00.123456"));

        Assert.Equal(marker, ScratchMarker.Parse(marker.Text));
    }

    [Fact]
    public void a_reused_pid_is_not_the_session_that_wrote_the_marker() =>
        Assert.Equal(LeftoverVerdict.Stale, Decide(Marker(TimeSpan.FromMinutes(1), new LiveSession(200, "2026-12-01 10:00:00.000000")), Sessions));

    [Fact]
    public void the_same_session_still_connected_keeps_it_whatever_its_age() =>
        Assert.Equal(LeftoverVerdict.InUse, Decide(Marker(TimeSpan.FromDays(3), new LiveSession(200, "2026-12-01 11:59:00.000000")), Sessions));

    [Fact]
    public void without_a_session_list_the_age_decides()
    {
        Assert.Equal(LeftoverVerdict.Recent, Decide(Marker(TimeSpan.FromMinutes(1), new LiveSession(999, null))));
        Assert.Equal(LeftoverVerdict.Stale, Decide(Marker(TimeSpan.FromHours(1), new LiveSession(999, null))));
    }

    [Fact]
    public void a_marker_without_a_session_falls_back_to_its_age() =>
        Assert.Equal(LeftoverVerdict.Recent, Decide(Marker(TimeSpan.FromMinutes(1), null), Sessions));

    [Theory]
    [InlineData("cargo-doctor scratch schema; created 2026-12-01T11:00:00Z by cargo-doctor 0.1.0; session 12x; safe to drop")]
    [InlineData("cargo-doctor scratch schema; created 2026-13-45T11:00:00Z by cargo-doctor 0.1.0; safe to drop")]
    [InlineData("cargo-doctor scratch schema; created 2026-12-01T11:00:00Z by cargo-doctor 0.1.0; safe to drop; and more")]
    public void a_comment_that_only_looks_like_ours_is_foreign(string comment) =>
        Assert.Equal(LeftoverVerdict.Foreign, Decide(comment, Sessions));

    [Fact]
    public void a_marker_from_the_future_is_foreign_but_small_clock_skew_is_not()
    {
        Assert.Equal(LeftoverVerdict.Foreign, Decide(Marker(TimeSpan.FromHours(-1), null), Sessions));
        Assert.Equal(LeftoverVerdict.Recent, Decide(Marker(TimeSpan.FromMinutes(-1), null), Sessions));
    }

    [Fact]
    public void configured_and_unmarked_schemas_are_never_candidates()
    {
        Assert.Equal(LeftoverVerdict.Configured, Decide(Marker(TimeSpan.FromDays(1), null), Sessions, ["CARGO_DOCTOR_20200101T000000_DEADBEEF"]));
        Assert.Equal(LeftoverVerdict.NotOurs, Decide("cargo-doctor scratch schema (our own notes, keep)", Sessions));
        Assert.Equal(LeftoverVerdict.NotOurs, LeftoverSweep.Decide("cargo_doctor_notes", null, Now, [], Sessions, null).Verdict);
    }

    [Fact]
    public void an_unmarked_schema_named_with_a_run_id_is_stale_when_no_session_since_that_run_is_connected()
    {
        var ownOnly = new LiveSessions(new LiveSession(100, "2026-12-01 11:00:00.000000"), [new LiveSession(100, "2026-12-01 11:00:00.000000"), new LiveSession(300, "2019-12-31 23:00:00.000000")]);

        Assert.Equal(LeftoverVerdict.Stale, Decide(null, ownOnly));
        // Session 200 started after the run id's time: it may be that run, about to write its marker.
        Assert.Equal(LeftoverVerdict.InUse, LeftoverSweep.Decide("cargo_doctor_20261201t113000_deadbeef", null, Now, [], Sessions, null).Verdict);
        // A day later no run is still between CREATE SCHEMA and COMMENT, whatever the Cargo user has connected.
        Assert.Equal(LeftoverVerdict.Stale, Decide(null, Sessions));
        Assert.Equal(LeftoverVerdict.Stale, Decide(null));
        Assert.Equal(LeftoverVerdict.Recent, LeftoverSweep.Decide("cargo_doctor_20261201t115900_deadbeef", null, Now, [], null, "the sessions could not be listed").Verdict);
        Assert.Equal(LeftoverVerdict.Foreign, LeftoverSweep.Decide("cargo_doctor_20271201t115900_deadbeef", null, Now, [], ownOnly, null).Verdict);
    }
}

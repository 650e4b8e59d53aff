using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Rules.History;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Rules.Probes;
using Cargo.Doctor.Rules.Vendor;

namespace Cargo.Doctor.Rules;

/// <summary>
/// All rules, listed by hand: scanning the assembly by reflection (GetTypes + Activator) cost about
/// 7% of a run's start-up (issue 11). RuleSetTests compares this list with reflection discovery, so a
/// rule added without being listed here fails a test.
/// </summary>
public static class RuleSet
{
    /// <summary>One instance of every rule, in no particular order (the catalog orders the output).</summary>
    public static IReadOnlyList<IRule> Listed { get; } =
    [
        new AssumeRolePrivilegeRule(),
        new ConnectRule(),
        new DatabasePrivilegesRule(),
        new FunctionRoleRule(),
        new FutureGrantsRule(),
        new LeastPrivilegeRule(),
        new SchemaUsageRule(),
        new TableGrantsRule(),
        new UserExistsRule(),
        new AssumeCargoRoleRule(),
        new RoleAttachedRule(),
        new TrustPolicyRule(),
        new IngressRule(),
        new PubliclyAccessibleRule(),
        new RouteRule(),
        new NetworkAclRule(),
        new DataPathRule(),
        new CopyRoundTripProbeRule(),
        new FunctionCreateProbeRule(),
        new SchemaCreateProbeRule(),
        new RecentFailuresRule(),
        new TrustsCustomerRoleRule(),
        new BucketAccessRule(),
        new BucketRegionRule(),
        new BucketKeyRule(),
        new NetworkPathRule(),
    ];

    public static IReadOnlyDictionary<string, IRule> All { get; } =
        Listed.ToDictionary(r => r.CheckId, StringComparer.Ordinal);
}

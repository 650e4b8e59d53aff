using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules.Vendor;

/// <summary>
/// vendor.network-path: from where the vendor run ran (Cargo's address), the customer's endpoint answers TCP, TLS and
/// the PostgreSQL startup exchange: the real path, which a customer-side run cannot test. Opt-in (--probe).
/// </summary>
public sealed class NetworkPathRule : IRule
{
    public const string Id = "vendor.network-path";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!VendorRequirement.TryGet(context, out var vendor, out var skipped))
        {
            return skipped;
        }

        if (vendor.Probe is not { } probe)
        {
            return context.Skipped("the network path was not probed: pass --probe with --endpoint");
        }

        var target = $"{probe.Host}:{probe.Port}";
        var details = probe.Steps.Select(s => $"{s.Step}: {s.Outcome}: {s.Detail}").ToList();
        var last = probe.Steps[^1];
        if (last.Step == "login")
        {
            return last.Outcome switch
            {
                "ok" => probe.Steps.Any(s => s is { Step: "tls", Outcome: "refused" })
                    ? context.Warn($"from here, the Cargo user logs in to {target}, but without TLS", details, context.Remedy("no-tls", ("target", target)))
                    : context.Pass($"from here, {target} answers TCP, TLS and the Cargo user logs in", details),
                // Npgsql's "ssl" failure also names a server that requires SSL of a client that disabled it: only with
                // the SSL request answered 'N' is it the server refusing SSL.
                "ssl-refused" when probe.Steps.Any(s => s is { Step: "tls", Outcome: "refused" }) => SslRefused(context, target, details),
                _ => context.Fail($"from here, {target} is reachable but the login fails ({last.Outcome}): {last.Detail}", details),
            };
        }

        if (last is { Step: "startup", Outcome: "ok" })
        {
            return probe.Steps.Any(s => s is { Step: "tls", Outcome: "refused" })
                ? context.Warn($"from here, {target} answers the PostgreSQL startup, but without TLS", details, context.Remedy("no-tls", ("target", target)))
                : context.Pass($"from here, {target} answers TCP, TLS and the PostgreSQL startup", details);
        }

        return last.Outcome switch
        {
            "timeout" when last.Step == "tcp" => context.Fail($"from here, {target} does not answer (timeout): the customer's security group, network ACL or firewall drops Cargo's address", details,
                context.Remedy("blocked", ("target", target))),
            "ssl-refused" => SslRefused(context, target, details),
            "refused" => context.Fail($"from here, {target} refuses the connection: nothing listens there, or the endpoint or port is wrong", details, context.Remedy("wrong-endpoint", ("target", target))),
            "dns" => context.Fail($"{probe.Host} does not resolve from here", details, context.Remedy("wrong-endpoint", ("target", target))),
            _ => context.Fail($"from here, {target}: {last.Step} {last.Outcome}: {last.Detail}", details, context.Remedy("blocked", ("target", target))),
        };
    }

    private static Finding SslRefused(RuleContext context, string target, IReadOnlyList<string> details) =>
        context.Fail($"from here, {target} refuses SSL, which Cargo's connection requires: the SSL request is answered without TLS", details,
            context.Remedy("ssl-refused", ("target", target)));
}

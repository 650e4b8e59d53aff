using System.Globalization;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Network;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// net.publicly-accessible: Cargo connects over the internet (no SSH tunnel), so the cluster or workgroup
/// must be publicly accessible and the endpoint Cargo is given must resolve to a public address. The
/// doctor itself often connects through a tunnel, a VPN or a bastion: its own host is judged only when
/// the cluster or workgroup (and so its endpoint) could not be read.
/// PubliclyAccessible and Endpoint.Address: https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html,
/// publiclyAccessible and endpoint.address: https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Workgroup.html.
/// </summary>
public sealed class PubliclyAccessibleRule : IRule
{
    public const string Id = "net.publicly-accessible";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!AwsRequirement.TryGet(context, out var aws, out var skipped))
        {
            return skipped;
        }

        return aws.Target is { } target ? ForTarget(context, aws, target) : WithoutTarget(context, aws);
    }

    private static Finding ForTarget(RuleContext context, AwsFacts aws, RedshiftTargetFacts target)
    {
        var what = $"{target.Kind} {target.Identifier}";
        if (!target.PubliclyAccessible)
        {
            return context.Fail($"{what} is not publicly accessible",
                [$"{what}: PubliclyAccessible = false; Cargo connects from the internet and does not support SSH tunnels"],
                target.Kind == "workgroup"
                    ? context.Remedy("serverless", ("workgroup", target.Identifier), ("workgroup_sh", ShellQuote.Arg(target.Identifier)), ("region_sh", ShellQuote.Arg(aws.Region)))
                    : context.Remedy("provisioned", ("cluster", target.Identifier), ("cluster_sh", ShellQuote.Arg(target.Identifier)), ("region_sh", ShellQuote.Arg(aws.Region))));
        }

        if (target.EndpointAddress is not { Length: > 0 } endpoint)
        {
            return context.Unknown($"{what} is publicly accessible, but AWS gave no endpoint address (status {target.Status ?? "not reported"}): cannot tell what Cargo would connect to");
        }

        // Facts written before the endpoint was resolved on its own still hold it when the doctor used it.
        var resolved = aws.EndpointHost
            ?? (aws.WarehouseHost is { } given && string.Equals(given.Host, endpoint, StringComparison.OrdinalIgnoreCase) ? given : null);
        if (resolved is null)
        {
            return context.Unknown($"{what} is publicly accessible, but its endpoint {endpoint} was not resolved (facts from an older cargo-doctor): run the check again");
        }

        if (resolved.Error is not null || resolved.Addresses.Count == 0)
        {
            return context.Unknown($"{what} is publicly accessible, but its endpoint {endpoint} did not resolve from here: {resolved.Error ?? "no address"}");
        }

        if (!resolved.Addresses.All(PrivateAddresses.IsAddress))
        {
            return context.Unknown($"{what} is publicly accessible, but the addresses of {endpoint} cannot be classified (the facts were redacted: replay the unredacted facts file)");
        }

        var port = (target.Port ?? 5439).ToString(CultureInfo.InvariantCulture);
        var details = new List<string> { $"{endpoint} resolves to {string.Join(", ", resolved.Addresses)}" };
        var tunnel = aws.WarehouseHost is { } doctor && !string.Equals(doctor.Host, endpoint, StringComparison.OrdinalIgnoreCase) ? doctor.Host : null;
        if (tunnel is not null)
        {
            details.Add($"cargo-doctor connected through {tunnel} (an SSH tunnel, VPN or bastion?), which is not the address Cargo uses: give Cargo {endpoint}:{port}");
        }

        if (resolved.Addresses.All(PrivateAddresses.IsPrivate))
        {
            // https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html: with DNS resolution
            // and DNS hostnames on, the endpoint of a publicly accessible cluster resolves to its private address
            // from inside its VPC. A private answer here is therefore not proof that Cargo gets one too.
            details.Add("inside its VPC (DNS resolution and DNS hostnames on) AWS resolves a publicly accessible cluster's endpoint to its private address, "
                + $"so cargo-doctor may be running in the VPC or behind a VPN that resolves it there; Cargo resolves it from the internet. Confirm from outside the VPC: nslookup {endpoint}");
            return context.Warn($"{what} is publicly accessible, but {endpoint} resolves only to private address {string.Join(", ", resolved.Addresses)} from where cargo-doctor runs", details);
        }

        details.Add("a public endpoint also needs a route to an internet gateway from its subnets; that is not checked here");
        return context.Pass(tunnel is null
            ? $"{what} is publicly accessible and its endpoint resolves to a public address"
            : $"{what} is publicly accessible: give Cargo {endpoint}:{port}, not {tunnel}", details);
    }

    /// <summary>Without the cluster or workgroup, the host the doctor was given is the best guess of what Cargo is given.</summary>
    private static Finding WithoutTarget(RuleContext context, AwsFacts aws)
    {
        var unread = $"could not read {AwsRequirement.Describe(aws)}: {aws.TargetGap}";
        if (aws.WarehouseHost is not { } host)
        {
            return context.Unknown(unread);
        }

        if (host.Error is not null || host.Addresses.Count == 0 || !host.Addresses.All(PrivateAddresses.IsAddress))
        {
            return context.Unknown(unread, [$"{host.Host} did not resolve to an address: {host.Error ?? string.Join(", ", host.Addresses)}"]);
        }

        var resolvesTo = $"{host.Host} resolves to {string.Join(", ", host.Addresses)}";
        if (host.Addresses.All(PrivateAddresses.IsLoopback))
        {
            return context.Warn($"cargo-doctor connects through {host.Host}, a loopback address (an SSH tunnel or local proxy) Cargo cannot use, and the endpoint to give Cargo is unknown",
                [resolvesTo, unread, "give Cargo the cluster's or workgroup's own endpoint (Redshift console, General information, Endpoint); this check names it once the cluster or workgroup can be read"]);
        }

        if (host.Addresses.All(PrivateAddresses.IsPrivate))
        {
            // The same private answer as ForTarget's: from inside the VPC a publicly accessible cluster's endpoint
            // resolves to its private address (https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html),
            // so it is a warning there and here alike, whether or not the cluster could be read.
            return context.Warn($"{host.Host} resolves only to private address {string.Join(", ", host.Addresses)} from where cargo-doctor runs",
                [$"{resolvesTo}: a private address Cargo cannot reach (Cargo does not support SSH tunnels), unless cargo-doctor runs inside the VPC or behind a VPN that resolves it there; confirm from outside the VPC: nslookup {host.Host}", unread],
                context.Remedy("private-host", ("host", host.Host), ("addresses", string.Join(", ", host.Addresses)), ("endpoint", "the public endpoint shown in the Redshift console")));
        }

        return context.Unknown(unread, [resolvesTo]);
    }
}

using Cargo.Doctor.Findings;
using Cargo.Doctor.Shell;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// net.publicly-accessible: Cargo connects over the internet (no SSH tunnel), so the cluster or workgroup
/// must be publicly accessible and the warehouse host Cargo is given must not resolve to a private address.
/// </summary>
public sealed class PubliclyAccessibleRule : IRule
{
    public string CheckId => "net.publicly-accessible";

    public Finding Evaluate(RuleContext context)
    {
        if (!AwsRequirement.TryGet(context, out var aws, out var skipped))
        {
            return skipped;
        }

        var details = new List<string>();
        var remediation = new List<RemediationStep>();
        var failures = new List<string>();
        if (aws.WarehouseHost is { } host)
        {
            var privateOnes = host.Addresses.Where(PrivateAddresses.IsPrivate).ToList();
            if (host.Error is not null)
            {
                details.Add($"{host.Host} did not resolve: {host.Error}");
            }
            else if (host.Addresses.Count > 0 && privateOnes.Count == host.Addresses.Count)
            {
                failures.Add($"{host.Host} resolves to private address {string.Join(", ", privateOnes)}");
                details.Add($"{host.Host} resolves to {string.Join(", ", host.Addresses)}: a private address Cargo cannot reach; Cargo does not support SSH tunnels");
                remediation.AddRange(context.Remedy("private-host",
                    ("host", host.Host), ("addresses", string.Join(", ", privateOnes)), ("endpoint", aws.Target?.EndpointAddress ?? "the public endpoint shown in the Redshift console")));
            }
            else
            {
                details.Add($"{host.Host} resolves to {string.Join(", ", host.Addresses)}");
            }
        }

        if (aws.Target is not { } target)
        {
            return failures.Count > 0
                ? context.Fail(string.Join("; ", failures), [.. details, $"{AwsRequirement.Describe(aws)}: {aws.TargetGap}"], remediation)
                : context.Unknown($"could not read {AwsRequirement.Describe(aws)}: {aws.TargetGap}", details);
        }

        if (!target.PubliclyAccessible)
        {
            failures.Insert(0, $"{target.Kind} {target.Identifier} is not publicly accessible");
            details.Insert(0, $"{target.Kind} {target.Identifier}: PubliclyAccessible = false; Cargo connects from the internet and does not support SSH tunnels");
            remediation.InsertRange(0, target.Kind == "workgroup"
                ? context.Remedy("serverless", ("workgroup", target.Identifier), ("workgroup_sh", ShellQuote.Arg(target.Identifier)), ("region_sh", ShellQuote.Arg(aws.Region)))
                : context.Remedy("provisioned", ("cluster", target.Identifier), ("cluster_sh", ShellQuote.Arg(target.Identifier)), ("region_sh", ShellQuote.Arg(aws.Region))));
        }

        if (failures.Count > 0)
        {
            return context.Fail(string.Join("; ", failures), details, remediation);
        }

        details.Add("a public endpoint also needs a route to an internet gateway from its subnets; that is not checked here");
        return context.Pass($"{target.Kind} {target.Identifier} is publicly accessible", details);
    }
}

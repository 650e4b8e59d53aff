using System.Text.Json.Nodes;
using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Net;

/// <summary>
/// net.data-path: with enhanced VPC routing on, COPY and UNLOAD reach Cargo's bucket only through the VPC
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html): an S3 gateway endpoint on the route
/// table of the warehouse's subnet, whose policy allows the four S3 actions on Cargo's bucket and prefix
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-working-with-endpoints.html), or else a default
/// route to a NAT gateway or an internet gateway. A gateway endpoint serves buckets of its own region only
/// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html); for them its prefix-list route is more
/// specific than 0.0.0.0/0, so its policy decides even when a NAT route exists. Off: traffic uses the internet.
/// The subnet the warehouse runs in decides (<see cref="WarehouseSubnets"/>); the other subnets of the subnet group or
/// workgroup only warn when they lack the S3 path, since a failover can move the warehouse there (as in net.route).
/// An S3 interface endpoint decides when the VPC's DNS sends S3's names to it (<see cref="S3InterfaceEndpoint"/>): then its
/// policy is evaluated as a gateway endpoint's; when that is not known, or when only its own names would reach it, unknown.
/// </summary>
public sealed class DataPathRule : IRule
{
    public const string Id = "net.data-path";

    public const string StatementSid = "CargoCopyUnload";

    /// <summary>
    /// What a pass does not cover: security groups' outbound rules also decide whether traffic leaves
    /// (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html), and the doctor reads inbound rules only.
    /// </summary>
    internal const string NotChecked =
        "not checked: the outbound rules of the warehouse's security groups (and an S3 interface endpoint's own security groups), which must let HTTPS (443) reach S3";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!AwsRequirement.TryGet(context, out var aws, out var skipped))
        {
            return skipped;
        }

        if (aws.Target is not { } target)
        {
            return context.Unknown($"could not read {AwsRequirement.Describe(aws)}: {aws.TargetGap}");
        }

        if (aws is { Network: null, NetworkGap: null })
        {
            return context.Skipped(AwsRequirement.NoNetworkFacts);
        }

        switch (target.EnhancedVpcRouting)
        {
            case false:
                return context.Pass("enhanced VPC routing is off: COPY and UNLOAD reach S3 over the internet, not through the VPC");
            case null:
                return context.Unknown($"AWS did not say whether {target.Kind} {target.Identifier} uses enhanced VPC routing");
        }

        if (aws.CargoBucket is not { Length: > 0 } bucket)
        {
            return context.Skipped("enhanced VPC routing is on, but no Cargo bucket was given: pass --bucket (and --prefix, --bucket-region)");
        }

        if (context.Facts.Redacted)
        {
            return context.Unknown(AwsRequirement.RedactedNetwork);
        }

        if (aws.Network is not { } network || aws.NetworkGap is not null)
        {
            return context.Unknown($"could not read the subnets of {AwsRequirement.Describe(aws)}: {aws.NetworkGap}");
        }

        if (network.RouteTables is not { } tables || network.VpcEndpoints is not { } endpoints)
        {
            return context.Unknown($"could not read the route tables and VPC endpoints of {network.VpcId ?? "the VPC"}: {network.RouteTablesGap ?? network.VpcEndpointsGap ?? network.SubnetsGap}");
        }

        var region = aws.CargoBucketRegion ?? aws.Region;
        var regionNote = aws.CargoBucketRegion is null
            ? $"bucket {bucket} taken to be in the warehouse's region {aws.Region} (no --bucket-region given)"
            : $"bucket {bucket} in {region}";
        var details = new List<string> { "enhanced VPC routing is on: COPY and UNLOAD go through the VPC", regionNote };
        var subnets = WarehouseSubnets.Current(network);
        var verdicts = subnets.Select(s => Judge(context, aws, network, tables, endpoints, s, "", bucket, region)).ToList();

        // The other subnets of the subnet group or workgroup only warn: a failover or a resize can move the warehouse there (as net.route).
        var others = network.SubnetIds.Where(s => !subnets.Contains(s))
            .Select(s => Judge(context, aws, network, tables, endpoints, s, " " + WarehouseSubnets.OtherNote(network), bucket, region)).ToList();
        details.AddRange(verdicts.Concat(others).SelectMany(v => v.Details));
        var remediation = verdicts.SelectMany(v => v.Fix).DistinctBy(r => r.Text).ToList();
        if (verdicts.FirstOrDefault(v => v.State == State.Fail) is { } failed)
        {
            return context.Fail($"COPY/UNLOAD cannot reach {bucket}: {failed.Summary}", details, remediation);
        }

        if (verdicts.FirstOrDefault(v => v.State == State.Unknown) is { } unknown)
        {
            return context.Unknown($"whether COPY/UNLOAD reach {bucket} is not known: {unknown.Summary}", details);
        }

        var passed = $"COPY/UNLOAD reach {bucket}: {string.Join("; ", verdicts.Select(v => v.Summary).Distinct(StringComparer.Ordinal))}";
        details.Add(NotChecked);
        var lacking = others.Where(v => v.State == State.Fail).ToList();
        return lacking.Count > 0
            ? context.Warn(
                $"{lacking.Count} other subnet(s) of {WarehouseSubnets.Group(network)} have no S3 path for {bucket}: a failover there would cut COPY/UNLOAD off ({passed})",
                details, lacking.SelectMany(v => v.Fix).DistinctBy(r => r.Text).ToList())
            : context.Pass(passed, details);
    }

    private enum State
    {
        Pass,
        Unknown,
        Fail,
    }

    private sealed record Verdict(State State, string Summary, IReadOnlyList<string> Details, IReadOnlyList<RemediationStep> Fix);

    private static Verdict Judge(
        RuleContext context, AwsFacts aws, NetworkFacts network, IReadOnlyList<RouteTableFacts> tables, IReadOnlyList<VpcEndpointFacts> endpoints,
        string subnet, string note, string bucket, string region)
    {
        if (RouteLookup.TableOf(tables, subnet) is not { } table)
        {
            return new(State.Unknown, $"subnet {subnet}{note} has no route table in what AWS returned", [$"subnet {subnet}{note}: no route table in what AWS returned"], []);
        }

        var where = $"subnet {subnet}{note}, route table {table.RouteTableId}";
        var s3Service = $"com.amazonaws.{region}.s3";
        var viaInterface = S3InterfaceEndpoint.For(endpoints, region);
        switch (viaInterface?.Use)
        {
            case S3InterfaceEndpoint.Use.Used:
                // Its private IPs are in the VPC (local route): its policy decides, whatever the route table says.
                return JudgeEndpoint(context, aws, viaInterface.Endpoint, table, where, bucket, viaInterface.Text);
            case S3InterfaceEndpoint.Use.NotKnown:
                return new(State.Unknown, viaInterface.Text, [$"{where}: {viaInterface.Text}"], []);
        }

        var gateway = endpoints.FirstOrDefault(e => IsType(e, "Gateway") && e.ServiceName == s3Service && e.RouteTableIds.Contains(table.RouteTableId) && IsAvailable(e));
        if (gateway is not null)
        {
            var verdict = JudgeEndpoint(context, aws, gateway, table, where, bucket, null);
            return viaInterface is null ? verdict : verdict with { Details = [.. verdict.Details, $"{where}: {viaInterface.Text}"] };
        }

        var otherRegion = region != aws.Region
            && endpoints.Any(e => IsType(e, "Gateway") && e.ServiceName == $"com.amazonaws.{aws.Region}.s3" && e.RouteTableIds.Contains(table.RouteTableId));
        var route = table.Routes.FirstOrDefault(r => r.Destination == "0.0.0.0/0");
        var routeText = route is null ? "no 0.0.0.0/0 route" : $"route 0.0.0.0/0 -> {route.Target ?? "no target"}";
        var lead = otherRegion
            ? $"{where}: the S3 gateway endpoint serves {aws.Region} only, not {region}; {routeText}"
            : $"{where}: no S3 gateway endpoint for {region}; {routeText}";
        var target = route is { State: not "blackhole" } ? route.Target ?? "" : "";
        IReadOnlyList<string> notes = viaInterface is null ? [lead] : [lead, $"{where}: {viaInterface.Text}"];
        if (target.StartsWith("nat-", StringComparison.Ordinal))
        {
            return new(State.Pass, $"through NAT gateway {target} from {where}", notes, []);
        }

        if (target.StartsWith("igw-", StringComparison.Ordinal) && (network.InternetGatewayIds is null || network.InternetGatewayIds.Contains(target)))
        {
            // Through an internet gateway the warehouse needs a public address (managing-clusters-vpc.html).
            return network.PublicAddresses is { Count: > 0 }
                ? new(State.Pass, $"through internet gateway {target} from {where}", notes, [])
                : new(State.Unknown, $"{where} routes to internet gateway {target}, but the warehouse's public address is not known", notes, []);
        }

        if (target.Length > 0 && !target.StartsWith("igw-", StringComparison.Ordinal) && route?.State != "blackhole"
            && target.Split('-')[0] is "tgw" or "vgw" or "eni" or "vpce" or "i")
        {
            return new(State.Unknown, $"{where} sends 0.0.0.0/0 to {target}, where the doctor does not follow", notes, []);
        }

        var summary = otherRegion
            ? $"the bucket is in {region} but the S3 gateway endpoint serves {aws.Region} only, and {where} has no NAT or internet route"
            : $"{where} has no S3 gateway endpoint and no NAT or internet route";
        if (viaInterface is not null)
        {
            return new(State.Unknown,
                $"{summary}; {viaInterface.Text}: COPY/UNLOAD could reach it only by its endpoint-specific DNS names, which no page says Redshift uses",
                notes, []);
        }

        return new(State.Fail, summary, [lead], region == aws.Region
            ? GatewayEndpointFix(context, aws, network, endpoints, table, region, bucket)
            : NatRouteFix.For(context, aws, network, tables, table, region, bucket));
    }

    /// <summary>
    /// No S3 path from <paramref name="table"/>: associate the VPC's S3 gateway endpoint with it when there is one
    /// (ModifyVpcEndpoint AddRouteTableIds keeps the tables it has), else create one for that table alone, its policy
    /// allowing Cargo's bucket only (CreateVpcEndpoint, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html;
    /// a gateway endpoint serves the route tables it is associated with: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html).
    /// Either script first checks that the table still has no S3 gateway endpoint and stops otherwise.
    /// </summary>
    private static IReadOnlyList<RemediationStep> GatewayEndpointFix(
        RuleContext context, AwsFacts aws, NetworkFacts network, IReadOnlyList<VpcEndpointFacts> endpoints, RouteTableFacts table, string region, string bucket)
    {
        var service = $"com.amazonaws.{region}.s3";
        (string Name, string Value)[] names = [("vpc", network.VpcId ?? "the VPC"), ("table", table.RouteTableId), ("region", region), ("bucket", bucket)];
        if (network.VpcId is null)
        {
            return context.Remedy("add-gateway-endpoint", names);
        }

        var gateways = $"VpcEndpoints[?ServiceName=='{service}' && VpcEndpointType=='Gateway'";
        (string Name, string Value)[] shell =
        [
            ("vpc_sh", ShellQuote.Arg(network.VpcId)), ("table_sh", ShellQuote.Arg(table.RouteTableId)), ("region_sh", ShellQuote.Arg(aws.Region)),
        ];
        if (endpoints.FirstOrDefault(e => IsType(e, "Gateway") && e.ServiceName == service && IsAvailable(e)) is { } existing)
        {
            var tableChanged = $"stopped: route table {table.RouteTableId} has an S3 gateway endpoint now, which cargo-doctor did not see; run cargo-doctor check again";
            return context.Remedy("associate-gateway-endpoint",
            [
                .. names, .. shell, ("endpoint", existing.VpcEndpointId), ("endpoint_sh", ShellQuote.Arg(existing.VpcEndpointId)),
                ("guard_sh", ShellQuote.Arg($"{gateways} && contains(RouteTableIds, '{table.RouteTableId}')] | length(@)")), ("changed_sh", ShellQuote.Arg(tableChanged)),
            ]);
        }

        var vpcChanged = $"stopped: VPC {network.VpcId} has an S3 gateway endpoint now, which cargo-doctor did not see; run cargo-doctor check again";
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Sid"] = StatementSid,
                ["Effect"] = "Allow",
                ["Principal"] = "*",
                ["Action"] = new JsonArray("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetBucketLocation"),
                ["Resource"] = new JsonArray($"arn:aws:s3:::{bucket}", S3EndpointPolicy.ObjectPattern(bucket, aws.CargoPrefix)),
            }),
        }.ToJsonString();
        return context.Remedy("create-gateway-endpoint",
        [
            .. names, .. shell, ("service_sh", ShellQuote.Arg(service)), ("policy", policy), ("policy_sh", ShellQuote.Arg(policy)),
            ("guard_sh", ShellQuote.Arg($"{gateways}] | length(@)")), ("changed_sh", ShellQuote.Arg(vpcChanged)),
        ]);
    }

    /// <param name="interfaceUse">For an S3 interface endpoint, why its DNS is used; null for a gateway endpoint.</param>
    private static Verdict JudgeEndpoint(RuleContext context, AwsFacts aws, VpcEndpointFacts endpoint, RouteTableFacts table, string where, string bucket, string? interfaceUse)
    {
        var lead = interfaceUse is null
            ? $"{where}: S3 gateway endpoint {endpoint.VpcEndpointId}"
            : $"{where}: {interfaceUse} (assuming the VPC uses the Amazon-provided DNS server: its DHCP options are not read)";
        if (endpoint.PolicyDocument is not { } policy)
        {
            return new(State.Unknown, $"AWS returned no policy for endpoint {endpoint.VpcEndpointId}", [lead], []);
        }

        var caller = aws.CargoRoleArn ?? aws.Role?.Arn ?? aws.RequestedRoleArn ?? "arn:aws:iam::000000000000:role/unknown";
        var needs = S3EndpointPolicy.For(bucket, aws.CargoPrefix);
        S3EndpointPolicy.Outcome outcome;
        try
        {
            outcome = S3EndpointPolicy.Evaluate(policy, needs, caller);
        }
        catch (PolicyParseException e)
        {
            return new(State.Unknown, $"the policy of endpoint {endpoint.VpcEndpointId} is not one cargo-doctor can read: {e.Message}", [lead], []);
        }

        var details = new List<string> { lead };
        details.AddRange(outcome.Allowed.Select(a => "allowed: " + a));
        details.AddRange(outcome.Denied.Select(d => "denied: " + d));
        details.AddRange(outcome.Missing.Select(m => $"not allowed: {m.Action} on {m.Resource}"));
        details.AddRange(outcome.Undecided.Select(u => "undecided: " + u));
        if (outcome.Denied.Count > 0)
        {
            return new(State.Fail, $"the policy of endpoint {endpoint.VpcEndpointId} denies {outcome.Denied[0]}", details,
                context.Remedy("remove-deny", ("endpoint", endpoint.VpcEndpointId), ("bucket", bucket)));
        }

        if (outcome.Missing.Count > 0)
        {
            return new(State.Fail, $"the policy of endpoint {endpoint.VpcEndpointId} does not allow {string.Join(", ", outcome.Missing.Select(m => m.Action))} on {bucket}",
                details, Fix(context, aws, endpoint, policy, bucket));
        }

        return outcome.Undecided.Count > 0
            ? new(State.Unknown, $"the policy of endpoint {endpoint.VpcEndpointId} allows {outcome.Undecided[0]}", details, [])
            : new(State.Pass, interfaceUse is null
                ? $"S3 gateway endpoint {endpoint.VpcEndpointId} on {table.RouteTableId} allows GetObject, PutObject, ListBucket and GetBucketLocation"
                : $"S3 interface endpoint {endpoint.VpcEndpointId} (private DNS) allows GetObject, PutObject, ListBucket and GetBucketLocation", details, []);
    }

    /// <summary>
    /// The seen policy plus one statement for Cargo's bucket and prefix: modify-vpc-endpoint --policy-document replaces
    /// the whole document (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpoint.html), so the
    /// script first compares the live document with the one seen and stops if it changed.
    /// </summary>
    private static IReadOnlyList<RemediationStep> Fix(RuleContext context, AwsFacts aws, VpcEndpointFacts endpoint, string policy, string bucket)
    {
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = "*",
            ["Action"] = new JsonArray("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetBucketLocation"),
            ["Resource"] = new JsonArray($"arn:aws:s3:::{bucket}", S3EndpointPolicy.ObjectPattern(bucket, aws.CargoPrefix)),
        };
        if (PolicyStatementAppend.Append(policy, StatementSid, statement) is not { } merged)
        {
            return context.Remedy("edit-endpoint-policy", ("endpoint", endpoint.VpcEndpointId), ("bucket", bucket));
        }

        var changed = $"stopped: the policy of VPC endpoint {endpoint.VpcEndpointId} changed since cargo-doctor read it; run cargo-doctor check again";
        return context.Remedy("add-endpoint-statement",
            ("endpoint", endpoint.VpcEndpointId), ("endpoint_sh", ShellQuote.Arg(endpoint.VpcEndpointId)), ("region_sh", ShellQuote.Arg(aws.Region)),
            ("policy", merged), ("policy_sh", ShellQuote.Arg(merged)),
            ("unchanged_query_sh", ShellQuote.Arg($"VpcEndpoints[0].PolicyDocument == `{JsonValue.Create(policy).ToJsonString().Replace("`", "\\`", StringComparison.Ordinal)}`")),
            ("changed_sh", ShellQuote.Arg(changed)));
    }

    private static bool IsType(VpcEndpointFacts endpoint, string type) => string.Equals(endpoint.Type, type, StringComparison.OrdinalIgnoreCase);

    // API_VpcEndpoint.html State: only an available endpoint carries traffic.
    private static bool IsAvailable(VpcEndpointFacts endpoint) => endpoint.State is null || string.Equals(endpoint.State, "available", StringComparison.OrdinalIgnoreCase);
}

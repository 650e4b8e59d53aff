using System.Net.Sockets;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// EC2 security groups: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html.
/// CIDRs are canonicalised by the fake's own <see cref="FakeEc2Cidr"/>, and a rule that exists (canonical form included) is refused with
/// InvalidPermission.Duplicate, as the CidrIp documentation and the error-code list
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html) say.
/// </summary>
public sealed partial class FakeAwsAccount
{
    private const string Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private FakeAwsResponse? Ec2(string operation, IReadOnlyDictionary<string, string> form)
    {
        switch (operation)
        {
            case "DescribeSecurityGroups":
                var ids = List(form, "GroupId");
                var unknown = ids.FirstOrDefault(id => !SecurityGroups.ContainsKey(id));
                if (unknown is not null)
                {
                    return Ec2Error(400, "InvalidGroup.NotFound", $"The security group '{unknown}' does not exist");
                }

                return DescribeSecurityGroups(null, [.. (ids.Count == 0 ? SecurityGroups.Keys.ToList() : ids).Select(id => SecurityGroup(id, "vpc-0abc", [.. SecurityGroups[id].Select(Permission)]))]);
            case "AuthorizeSecurityGroupIngress":
                var groupId = form.GetValueOrDefault("GroupId", "");
                if (!SecurityGroups.TryGetValue(groupId, out var rules))
                {
                    return Ec2Error(400, "InvalidGroup.NotFound", $"The security group '{groupId}' does not exist");
                }

                if (form.Where(f => f.Key.EndsWith("CidrIp", StringComparison.Ordinal) || f.Key.EndsWith("CidrIpv6", StringComparison.Ordinal))
                    .FirstOrDefault(f => Canonical(f.Key, f.Value) is null) is { Key: not null } malformed)
                {
                    // Code from the error list (errors-overview.html); the message text is the fake's own.
                    return Ec2Error(400, "InvalidParameterValue", $"{malformed.Key} '{malformed.Value}' is not a CIDR block.");
                }

                var requested = Requested(form);
                if (requested.FirstOrDefault(rules.Contains) is { } duplicate)
                {
                    return Ec2Error(400, "InvalidPermission.Duplicate",
                        $"the specified rule \"peer: {duplicate.Cidr}, {duplicate.Protocol.ToUpperInvariant()}, from port: {duplicate.FromPort}, to port: {duplicate.ToPort}, ALLOW\" already exists");
                }

                rules.AddRange(requested);
                return FakeAwsResponse.Xml($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><AuthorizeSecurityGroupIngressResponse xmlns=\"{Ec2Ns}\"><requestId>req-1</requestId><return>true</return></AuthorizeSecurityGroupIngressResponse>");
            default:
                return Vpc(operation, form);
        }
    }

    /// <summary>The rules of one request: the top-level CidrIp form or the IpPermissions.N form.</summary>
    private static List<FakeIngressRule> Requested(IReadOnlyDictionary<string, string> form)
    {
        var rules = new List<FakeIngressRule>();
        if (form.TryGetValue("CidrIp", out var cidr))
        {
            rules.Add(new FakeIngressRule(form["IpProtocol"], Port(form, "FromPort"), Port(form, "ToPort"), Canonical("CidrIp", cidr)!));
        }

        for (var n = 1; form.ContainsKey($"IpPermissions.{n}.IpProtocol"); n++)
        {
            var p = $"IpPermissions.{n}.";
            var ranges = form.Where(f => f.Key.StartsWith(p, StringComparison.Ordinal) && (f.Key.EndsWith(".CidrIp", StringComparison.Ordinal) || f.Key.EndsWith(".CidrIpv6", StringComparison.Ordinal))).Select(f => Canonical(f.Key, f.Value)!);
            rules.AddRange(ranges.Select(r => new FakeIngressRule(form[p + "IpProtocol"], Port(form, p + "FromPort"), Port(form, p + "ToPort"), r)));
        }

        return rules;
    }

    private static int Port(IReadOnlyDictionary<string, string> form, string key) =>
        int.Parse(form.GetValueOrDefault(key, "-1"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fake's own canonical CIDR (<see cref="FakeEc2Cidr"/>), not the doctor's; null when malformed.</summary>
    private static string? Canonical(string parameter, string cidr) =>
        FakeEc2Cidr.Canonical(cidr, parameter.EndsWith("Ipv6", StringComparison.Ordinal) ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);

    private static string Permission(FakeIngressRule rule) => rule.Cidr.Contains(':', StringComparison.Ordinal)
        ? IpPermission(rule.Protocol, rule.FromPort, rule.ToPort, ipv6Cidrs: [rule.Cidr])
        : IpPermission(rule.Protocol, rule.FromPort, rule.ToPort, cidrs: [rule.Cidr]);
}

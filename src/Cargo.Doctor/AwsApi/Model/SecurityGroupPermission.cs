namespace Cargo.Doctor.AwsApi.Model;

/// <summary>
/// One inbound rule. Protocol <c>-1</c> means all traffic; ports are null for it. Deliberately separate from
/// IngressRuleFacts (the Facts folder), which holds the same fields: AwsApi and Facts import nothing of the project
/// (DependencyDirectionTests), and the facts record is the shape of a saved facts.json, which must not change
/// when an API record does. AwsFactsReader copies one into the other.
/// </summary>
public sealed record SecurityGroupPermission(
    string Protocol,
    int? FromPort,
    int? ToPort,
    IReadOnlyList<string> Ipv4Cidrs,
    IReadOnlyList<string> Ipv6Cidrs,
    IReadOnlyList<string> PrefixListIds,
    IReadOnlyList<string> ReferencedGroupIds);

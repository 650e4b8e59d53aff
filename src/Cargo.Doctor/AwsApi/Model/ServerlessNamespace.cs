namespace Cargo.Doctor.AwsApi.Model;

public sealed record ServerlessNamespace(
    string NamespaceName,
    string? NamespaceId,
    string? NamespaceArn,
    string? Status,
    string? DbName,
    string? AdminUsername,
    string? DefaultIamRoleArn,
    IReadOnlyList<RedshiftIamRole> IamRoles);

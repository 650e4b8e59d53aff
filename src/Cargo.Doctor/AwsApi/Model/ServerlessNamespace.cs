namespace Cargo.Doctor.AwsApi.Model;

public sealed record ServerlessNamespace(
    string NamespaceName,
    string? NamespaceArn,
    IReadOnlyList<RedshiftIamRole> IamRoles);

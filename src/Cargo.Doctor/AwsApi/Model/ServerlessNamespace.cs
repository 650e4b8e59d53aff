namespace Cargo.Doctor.AwsApi.Model;

/// <param name="DefaultIamRoleArn">
/// The namespace's default IAM role as GetNamespace sends it: empty when the namespace has none, null when
/// the response did not say (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Namespace.html).
/// </param>
public sealed record ServerlessNamespace(
    string NamespaceName,
    string? NamespaceArn,
    IReadOnlyList<RedshiftIamRole> IamRoles,
    string? DefaultIamRoleArn);

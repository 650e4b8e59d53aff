using System.Text.RegularExpressions;

namespace Cargo.Doctor.Config;

/// <summary>
/// Names of the Redshift resources the scripts change, checked before anything is written: a cluster identifier is
/// 1 to 63 lower-case letters, digits or hyphens, starts with a letter, does not end with a hyphen and has no two
/// hyphens in a row (https://docs.aws.amazon.com/redshift/latest/mgmt/create-cluster.html, "Cluster identifier");
/// a Serverless workgroup or namespace name is 3 to 64 of <c>[a-z0-9-]</c>
/// (https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_CreateWorkgroup.html,
/// https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_CreateNamespace.html).
/// </summary>
public static partial class AwsResourceName
{
    public const string ClusterExpected =
        "is not a Redshift cluster identifier (1 to 63 lower-case letters, digits and hyphens, starting with a letter, no trailing or double hyphen)";

    public const string ServerlessExpected = "is not a Redshift Serverless name (3 to 64 lower-case letters, digits and hyphens)";

    public static bool IsClusterIdentifier(string text) =>
        ClusterPattern().IsMatch(text) && !text.EndsWith('-') && !text.Contains("--", StringComparison.Ordinal);

    public static bool IsServerlessName(string text) => ServerlessPattern().IsMatch(text);

    [GeneratedRegex(@"\A[a-z][a-z0-9-]{0,62}\z")]
    private static partial Regex ClusterPattern();

    [GeneratedRegex(@"\A[a-z0-9-]{3,64}\z")]
    private static partial Regex ServerlessPattern();
}

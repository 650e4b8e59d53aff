using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cargo.Doctor.Sources.Aws;

/// <summary>
/// The one list of AWS actions the doctor calls (all read-only). <c>cargo-doctor aws-policy</c> prints it
/// as a policy; a test checks every call the AWS source makes is in it.
/// </summary>
public static class AwsReadPermissions
{
    public static readonly IReadOnlyList<string> Actions =
    [
        "ec2:DescribeSecurityGroups",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListRolePolicies",
        "iam:SimulatePrincipalPolicy",
        "redshift-serverless:GetNamespace",
        "redshift-serverless:GetWorkgroup",
        "redshift:DescribeClusters",
    ];

    /// <summary>The minimal identity policy for the AWS identity that runs cargo-doctor.</summary>
    public static string PolicyJson()
    {
        var policy = new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new { Sid = "CargoDoctorReadOnly", Effect = "Allow", Action = Actions, Resource = "*" },
            },
        };
        return JsonSerializer.Serialize(policy, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}

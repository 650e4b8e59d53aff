using System.Buffers;
using System.Text;
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
        "ec2:DescribeInternetGateways",
        "ec2:DescribeNatGateways",
        "ec2:DescribeNetworkAcls",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcEndpoints",
        "ec2:GetManagedPrefixListEntries",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListRolePolicies",
        "iam:SimulatePrincipalPolicy",
        "redshift-serverless:GetNamespace",
        "redshift-serverless:GetWorkgroup",
        "redshift:DescribeClusterSubnetGroups",
        "redshift:DescribeClusters",
        // Needs no permission ("No permissions are required to perform this operation",
        // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html); listed because it is called.
        "sts:GetCallerIdentity",
    ];

    /// <summary>
    /// The minimal identity policy for the AWS identity that runs cargo-doctor: written with a
    /// <see cref="Utf8JsonWriter"/> (no reflection, so trimming and Native AOT keep it working),
    /// indented, and with a relaxed encoder so that nothing in it is \u-escaped.
    /// </summary>
    public static string PolicyJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", "2012-10-17");
            writer.WriteStartArray("Statement");
            writer.WriteStartObject();
            writer.WriteString("Sid", "CargoDoctorReadOnly");
            writer.WriteString("Effect", "Allow");
            writer.WriteStartArray("Action");
            foreach (var action in Actions)
            {
                writer.WriteStringValue(action);
            }

            writer.WriteEndArray();
            writer.WriteString("Resource", "*");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

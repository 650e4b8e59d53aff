using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>
/// The AWS actions <c>cargo-doctor vendor</c> calls with Cargo's credentials, all read-only; <c>cargo-doctor aws-policy
/// --vendor</c> prints them as a policy and a test checks every call the vendor run makes is in it.
/// </summary>
public static class VendorReadPermissions
{
    public static readonly IReadOnlyList<string> Actions =
    [
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListRolePolicies",
        "kms:DescribeKey",
        "kms:GetKeyPolicy",
        "kms:ListGrants",
        // GetBucketEncryption needs s3:GetEncryptionConfiguration (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html).
        "s3:GetBucketLocation",
        "s3:GetBucketPolicy",
        "s3:GetEncryptionConfiguration",
        // Needs no permission (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html); listed because it is called.
        "sts:GetCallerIdentity",
    ];

    /// <summary>The identity policy for Cargo's support identity, written without reflection (trimming, Native AOT).</summary>
    public static string PolicyJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", "2012-10-17");
            writer.WriteStartArray("Statement");
            writer.WriteStartObject();
            writer.WriteString("Sid", "CargoDoctorVendorReadOnly");
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

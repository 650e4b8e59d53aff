using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cargo.Doctor.IamPolicies;

/// <summary>Policy JSON to paste into the IAM console, exactly as the Cargo setup guide documents it.</summary>
public static class RemediationPolicies
{
    // Relaxed escaping keeps '+' and '=' (legal in role names) readable; quotes and backslashes are still escaped.
    private static readonly JsonWriterOptions WriterOptions =
        new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The customer role's permission policy letting it assume Cargo's role.</summary>
    public static string CargoPermissionPolicy(string cargoRoleArn) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("Sid", "CrossAccountPolicy");
        writer.WriteString("Effect", "Allow");
        writer.WriteString("Action", "sts:AssumeRole");
        writer.WriteString("Resource", cargoRoleArn);
        writer.WriteEndObject();
    });

    /// <summary>The "Redshift - Customizable" trust policy, trusting Redshift Serverless too when needed.</summary>
    public static string RedshiftTrustPolicy(bool isServerless) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("Effect", "Allow");
        writer.WriteStartObject("Principal");
        if (isServerless)
        {
            writer.WriteStartArray("Service");
            writer.WriteStringValue(RedshiftServicePrincipals.Redshift);
            writer.WriteStringValue(RedshiftServicePrincipals.RedshiftServerless);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("Service", RedshiftServicePrincipals.Redshift);
        }

        writer.WriteEndObject();
        writer.WriteString("Action", "sts:AssumeRole");
        writer.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> writeStatement)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", "2012-10-17");
            writer.WriteStartArray("Statement");
            writeStatement(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

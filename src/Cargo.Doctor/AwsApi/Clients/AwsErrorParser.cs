using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>Reads the error code and message from Query/EC2 XML and JSON 1.1 error bodies.</summary>
internal static class AwsErrorParser
{
    private const int MaxUnrecognisedBodyChars = 200;

    /// <summary>Query: ErrorResponse/Error/{Code,Message}; EC2: Response/Errors/Error/{Code,Message}.</summary>
    public static AwsErrorDetails FromXml(AwsHttpResponse response)
    {
        try
        {
            var error = XDocument.Parse(response.Body).Root?
                .DescendantsAndSelf()
                .FirstOrDefault(e => e.Name.LocalName == "Error" && e.ChildValue("Code") is not null);
            if (error is not null)
            {
                return new AwsErrorDetails(error.ChildValue("Code")!, error.ChildValue("Message") ?? "");
            }
        }
        catch (XmlException)
        {
        }

        return Unrecognised(response);
    }

    /// <summary>JSON 1.1: {"__type": "[prefix#]Code[:uri]", "message": "..."}.</summary>
    public static AwsErrorDetails FromJson(AwsHttpResponse response)
    {
        string? type = response.ErrorTypeHeader;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.NameEquals("__type") || property.NameEquals("code"))
                    {
                        type ??= property.Value.GetString();
                    }
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                    {
                        message = property.Value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return type is null
            ? Unrecognised(response)
            : new AwsErrorDetails(NormaliseJsonType(type), message ?? "");
    }

    private static string NormaliseJsonType(string type)
    {
        var code = type;
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        var colon = code.IndexOf(':');
        return (colon >= 0 ? code[..colon] : code).Trim();
    }

    private static AwsErrorDetails Unrecognised(AwsHttpResponse response)
    {
        var body = response.Body.ReplaceLineEndings(" ").Trim();
        if (body.Length > MaxUnrecognisedBodyChars)
        {
            body = body[..MaxUnrecognisedBodyChars] + "...";
        }

        var code = response.Status == 503 ? "ServiceUnavailable" : $"Http{response.Status}";
        return new AwsErrorDetails(code, body.Length == 0 ? "Empty error response." : body);
    }
}

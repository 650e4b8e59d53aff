using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Checks a SigV4 Authorization header by building the canonical request from exactly the headers the
/// client listed in SignedHeaders, as the specification describes
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). Written for clients
/// other than the .NET SDK (the aws CLI signs Content-Type too), whose requests the SDK signer cannot
/// reproduce header for header.
/// </summary>
public static class SigV4Verifier
{
    public static bool Matches(HttpListenerRequest request, byte[] body, string authorization, string secretKey, (string Date, string Region, string Service) scope)
    {
        var signedHeaders = Part(authorization, "SignedHeaders=");
        var signature = Part(authorization, "Signature=");
        var amzDate = request.Headers["X-Amz-Date"];
        if (signedHeaders is null || signature is null || amzDate is null)
        {
            return false;
        }

        var names = signedHeaders.Split(';');
        var headers = string.Concat(names.Select(n => $"{n}:{Collapse(request.Headers[n] ?? "")}\n"));
        var path = request.Url?.AbsolutePath is { Length: > 0 } p ? p : "/";
        var query = string.Join("&", (request.Url?.Query.TrimStart('?') ?? "")
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Contains('=', StringComparison.Ordinal) ? pair : pair + "=")
            .OrderBy(pair => pair, StringComparer.Ordinal));
        var canonical = $"{request.HttpMethod}\n{path}\n{query}\n{headers}\n{signedHeaders}\n{Hex(SHA256.HashData(body))}";
        var credentialScope = $"{scope.Date}/{scope.Region}/{scope.Service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{credentialScope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var step in new[] { scope.Date, scope.Region, scope.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(step));
        }

        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    private static string? Part(string authorization, string name)
    {
        var start = authorization.IndexOf(name, StringComparison.Ordinal);
        return start < 0 ? null : authorization[(start + name.Length)..].Split(',')[0].Trim();
    }

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

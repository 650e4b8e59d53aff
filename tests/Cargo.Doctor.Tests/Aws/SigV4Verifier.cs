using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Checks a SigV4 Authorization header by building the canonical request from exactly the headers the
/// client listed in SignedHeaders, as the specification describes
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). It is the fake's only
/// signature check: written from the specification rather than with the SDK signer the doctor itself
/// uses, so a signing mistake the SDK shares cannot pass as correct.
/// </summary>
public static class SigV4Verifier
{
    public static bool Matches(HttpListenerRequest request, byte[] body, string authorization, string secretKey, (string Date, string Region, string Service) scope) =>
        Matches(request.HttpMethod, request.Url?.AbsolutePath ?? "", request.Url?.Query ?? "", name => request.Headers[name], body, authorization, secretKey, scope);

    /// <param name="path">The URI path as sent (already URI-encoded).</param>
    /// <param name="query">The query string as sent, with or without the leading '?'.</param>
    /// <param name="header">A request header's value by name; null when absent.</param>
    public static bool Matches(
        string method, string path, string query, Func<string, string?> header, byte[] body, string authorization, string secretKey,
        (string Date, string Region, string Service) scope)
    {
        var signedHeaders = Part(authorization, "SignedHeaders=");
        var signature = Part(authorization, "Signature=");
        var amzDate = header("X-Amz-Date");
        if (signedHeaders is null || signature is null || amzDate is null)
        {
            return false;
        }

        var names = signedHeaders.Split(';');
        var headers = string.Concat(names.Select(n => $"{n}:{Collapse(header(n) ?? "")}\n"));
        var canonicalQuery = string.Join("&", query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Contains('=', StringComparison.Ordinal) ? pair : pair + "=")
            .OrderBy(pair => pair, StringComparer.Ordinal));
        var canonical = $"{method}\n{(path.Length > 0 ? path : "/")}\n{canonicalQuery}\n{headers}\n{signedHeaders}\n{Hex(SHA256.HashData(body))}";
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

using System.Text;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// The fake's signature check against signatures it did not compute: the "get-vanilla" and
/// "post-x-www-form-urlencoded" cases of the AWS Signature Version 4 test suite
/// (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html; key AKIDEXAMPLE,
/// secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830T123600Z, us-east-1, service "service").
/// </summary>
[Trait("Category", "Unit")]
public sealed class SigV4VerifierTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly (string, string, string) Scope = ("20150830", "us-east-1", "service");

    private static readonly Dictionary<string, string> GetHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Host"] = "example.amazonaws.com",
        ["X-Amz-Date"] = "20150830T123600Z",
    };

    private const string GetVanilla =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    [Fact]
    public void the_test_suite_get_vanilla_signature_matches()
    {
        Assert.True(SigV4Verifier.Matches("GET", "/", "", name => GetHeaders.GetValueOrDefault(name), [], GetVanilla, Secret, Scope));
    }

    [Theory]
    [InlineData("POST", "/", "", "", Secret)]
    [InlineData("GET", "/other", "", "", Secret)]
    [InlineData("GET", "/", "Param1=value1", "", Secret)]
    [InlineData("GET", "/", "", "body", Secret)]
    [InlineData("GET", "/", "", "", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEX")]
    public void any_change_to_the_signed_request_or_the_secret_is_refused(string method, string path, string query, string body, string secret)
    {
        Assert.False(SigV4Verifier.Matches(method, path, query, name => GetHeaders.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body), GetVanilla, secret, Scope));
    }

    [Fact]
    public void a_changed_signed_header_is_refused()
    {
        var headers = new Dictionary<string, string>(GetHeaders, StringComparer.OrdinalIgnoreCase) { ["X-Amz-Date"] = "20150830T123601Z" };

        Assert.False(SigV4Verifier.Matches("GET", "/", "", name => headers.GetValueOrDefault(name), [], GetVanilla, Secret, Scope));
    }
}

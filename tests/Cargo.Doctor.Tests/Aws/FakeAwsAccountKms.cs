using System.Text.Json;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// KMS keys, key policies and grants, shapes from botocore's kms 2014-11-01 model (JSON 1.1, target prefix
/// TrentService). KeyId may be a key id, key ARN, alias name or alias ARN
/// (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html); an unknown one is 400
/// NotFoundException. GetKeyPolicy's only policy name is "default"
/// (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html). ListGrants answers Grants and
/// Truncated (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html); a key whose grants the
/// caller may not list answers 400 AccessDeniedException (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html).
/// A key lives in one region: a request signed for another region does not find it.
/// </summary>
public sealed partial class FakeAwsAccount
{
    public Dictionary<string, FakeKmsKey> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>Alias name (alias/...) to key id.</summary>
    public Dictionary<string, string> KeyAliases { get; } = new(StringComparer.Ordinal);

    public string KeyArn(string keyId, string? region = null) => $"arn:aws:kms:{region ?? Region}:{AccountId}:key/{keyId}";

    private FakeAwsResponse? Kms(string operation, JsonElement body, string signingRegion)
    {
        if (operation is not ("DescribeKey" or "GetKeyPolicy" or "ListGrants"))
        {
            return null;
        }

        var keyId = body.TryGetProperty("KeyId", out var id) ? id.GetString() ?? "" : "";
        if (FindKey(keyId, signingRegion) is not { } key)
        {
            return JsonError(400, "NotFoundException", $"Key '{keyId}' does not exist");
        }

        var arn = KeyArn(key.Id, key.Region);
        switch (operation)
        {
            case "DescribeKey":
                return FakeAwsResponse.Json(JsonSerializer.Serialize(new
                {
                    KeyMetadata = new { AWSAccountId = AccountId, KeyId = key.Id, Arn = arn, Enabled = true, KeyState = "Enabled", KeyManager = key.AwsManaged ? "AWS" : "CUSTOMER", KeyUsage = "ENCRYPT_DECRYPT" },
                }));
            case "GetKeyPolicy":
                return FakeAwsResponse.Json(JsonSerializer.Serialize(new { Policy = key.Policy, PolicyName = "default" }));
            default:
                if (key.ListGrantsDenied)
                {
                    return JsonError(400, "AccessDeniedException", $"User is not authorized to perform: kms:ListGrants on resource: {arn}");
                }

                return FakeAwsResponse.Json(JsonSerializer.Serialize(new
                {
                    Grants = key.Grants.Select(g => new { KeyId = arn, GrantId = g.GrantId, GranteePrincipal = g.GranteePrincipal, IssuingAccount = $"arn:aws:iam::{AccountId}:root", Operations = g.Operations }),
                    Truncated = false,
                }));
        }
    }

    private FakeKmsKey? FindKey(string keyId, string region)
    {
        var name = keyId.StartsWith("arn:", StringComparison.Ordinal) ? keyId[(keyId.LastIndexOf(':') + 1)..] : keyId;
        if (name.StartsWith("key/", StringComparison.Ordinal))
        {
            name = name[4..];
        }

        if (name.StartsWith("alias/", StringComparison.Ordinal))
        {
            name = KeyAliases.GetValueOrDefault(name, "");
        }

        return Keys.TryGetValue(name, out var key) && key.Region == region ? key : null;
    }
}

public sealed class FakeKmsKey(string id, string region, string policy)
{
    public string Id { get; } = id;

    public string Region { get; } = region;

    public string Policy { get; set; } = policy;

    public bool AwsManaged { get; set; }

    public List<FakeKmsGrant> Grants { get; } = [];

    /// <summary>The caller may not call kms:ListGrants on this key.</summary>
    public bool ListGrantsDenied { get; set; }
}

public sealed record FakeKmsGrant(string GrantId, string GranteePrincipal, IReadOnlyList<string> Operations);

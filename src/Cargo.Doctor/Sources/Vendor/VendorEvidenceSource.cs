using System.Text.Json;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;
using Cargo.Doctor.Files;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Sources.Aws;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>
/// Answers <see cref="IVendorSource"/> from a folder of AWS CLI <c>--output json</c> files (names in
/// <see cref="VendorEvidenceFiles"/>). Cargo's role is read as the customer side reads the customer's
/// (<see cref="AwsEvidenceSource"/>, same file names). A file may hold the CLI's error line instead
/// (<see cref="CliErrorLine"/>): it then throws what the live call throws, so no bucket policy, a missing role or
/// grants that may not be listed give the live verdicts. A missing or unreadable file is a gap naming the command.
/// </summary>
internal sealed class VendorEvidenceSource(string directory) : IVendorSource
{
    private readonly AwsEvidenceSource iam = new(directory);

    public Task<string> GetCallerAccountAsync(CancellationToken ct)
    {
        ThrowIfCliError(AwsEvidenceFiles.GetCallerIdentity, "sts", "GetCallerIdentity", "sts:GetCallerIdentity");
        return iam.GetCallerAccountAsync(ct);
    }

    public Task<IamRoleInfo> GetRoleAsync(string roleName, CancellationToken ct)
    {
        ThrowIfCliError(AwsEvidenceFiles.GetRole, "iam", "GetRole", "iam:GetRole");
        return iam.GetRoleAsync(roleName, ct);
    }

    public Task<IReadOnlyList<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken ct)
    {
        ThrowIfCliError(AwsEvidenceFiles.ListAttachedRolePolicies, "iam", "ListAttachedRolePolicies", "iam:ListAttachedRolePolicies");
        return iam.ListAttachedRolePoliciesAsync(roleName, ct);
    }

    public Task<string> GetManagedPolicyDocumentAsync(string policyArn, CancellationToken ct)
    {
        ThrowIfCliError(AwsEvidenceFiles.GetPolicyVersion(policyArn), "iam", "GetPolicyVersion", "iam:GetPolicyVersion");
        return iam.GetManagedPolicyDocumentAsync(policyArn, ct);
    }

    public Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, CancellationToken ct)
    {
        ThrowIfCliError(AwsEvidenceFiles.ListRolePolicies, "iam", "ListRolePolicies", "iam:ListRolePolicies");
        return iam.ListRolePoliciesAsync(roleName, ct);
    }

    public Task<string> GetRolePolicyDocumentAsync(string roleName, string policyName, CancellationToken ct)
    {
        ThrowIfCliError(AwsEvidenceFiles.GetRolePolicy(policyName), "iam", "GetRolePolicy", "iam:GetRolePolicy");
        return iam.GetRolePolicyDocumentAsync(roleName, policyName, ct);
    }

    /// <summary>
    /// <c>{"LocationConstraint": ...}</c>: null for us-east-1 and the legacy EU for eu-west-1
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html), as <see cref="S3Client"/> reads it.
    /// </summary>
    public Task<string> GetBucketRegionAsync(string bucket, CancellationToken ct)
    {
        var root = Load(VendorEvidenceFiles.GetBucketLocation, $"aws s3api get-bucket-location --bucket {Q(bucket)}", "s3", "GetBucketLocation", "s3:GetBucketLocation");
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("LocationConstraint", out var constraint))
        {
            throw Missing(VendorEvidenceFiles.GetBucketLocation, $"aws s3api get-bucket-location --bucket {Q(bucket)}", "has no LocationConstraint");
        }

        return Task.FromResult(constraint.ValueKind == JsonValueKind.String ? constraint.GetString() switch
        {
            null or "" => "us-east-1",
            "EU" => "eu-west-1",
            var region => region,
        } : "us-east-1");
    }

    /// <summary><c>{"Policy": "&lt;policy JSON as a string&gt;"}</c>; the CLI's NoSuchBucketPolicy error: no policy.</summary>
    public Task<string?> GetBucketPolicyAsync(string bucket, string bucketRegion, CancellationToken ct)
    {
        var command = $"aws s3api get-bucket-policy --bucket {Q(bucket)} --region {Q(bucketRegion)}";
        try
        {
            var root = Load(VendorEvidenceFiles.GetBucketPolicy, command, "s3", "GetBucketPolicy", "s3:GetBucketPolicy");
            return Task.FromResult<string?>(EvidenceJson.PolicyDocument(root, "Policy") ?? throw Missing(VendorEvidenceFiles.GetBucketPolicy, command, "has no Policy"));
        }
        catch (AwsCallException e) when (e.ErrorCode == "NoSuchBucketPolicy")
        {
            return Task.FromResult<string?>(null);
        }
    }

    /// <summary>
    /// ServerSideEncryptionConfiguration.Rules[0] (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html);
    /// the CLI's ServerSideEncryptionConfigurationNotFoundError: no default rule.
    /// </summary>
    public Task<BucketEncryption?> GetBucketEncryptionAsync(string bucket, string bucketRegion, CancellationToken ct)
    {
        var command = $"aws s3api get-bucket-encryption --bucket {Q(bucket)} --region {Q(bucketRegion)}";
        try
        {
            var root = Load(VendorEvidenceFiles.GetBucketEncryption, command, "s3", "GetBucketEncryption", "s3:GetEncryptionConfiguration");
            var configuration = JsonFields.Object(root, "ServerSideEncryptionConfiguration")
                ?? throw Missing(VendorEvidenceFiles.GetBucketEncryption, command, "has no ServerSideEncryptionConfiguration");
            var rule = JsonFields.Array(configuration, "Rules").FirstOrDefault();
            return Task.FromResult(rule.ValueKind == JsonValueKind.Object && JsonFields.Object(rule, "ApplyServerSideEncryptionByDefault") is { } byDefault
                ? new BucketEncryption(
                    JsonFields.String(byDefault, "SSEAlgorithm") ?? "",
                    JsonFields.NonEmpty(JsonFields.String(byDefault, "KMSMasterKeyID")),
                    JsonFields.BoolOrNull(rule, "BucketKeyEnabled"))
                : null);
        }
        catch (AwsCallException e) when (e.ErrorCode == "ServerSideEncryptionConfigurationNotFoundError")
        {
            return Task.FromResult<BucketEncryption?>(null);
        }
    }

    /// <summary><c>{"KeyMetadata": {...}}</c> (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html); it must describe the bucket's key.</summary>
    public Task<KmsKeyInfo> DescribeKeyAsync(string keyId, string region, CancellationToken ct)
    {
        var command = $"aws kms describe-key --key-id {Q(keyId)} --region {Q(region)}";
        var metadata = JsonFields.Object(Load(VendorEvidenceFiles.DescribeKey, command, "kms", "DescribeKey", "kms:DescribeKey"), "KeyMetadata")
            ?? throw Missing(VendorEvidenceFiles.DescribeKey, command, "has no \"KeyMetadata\" object");
        var arn = JsonFields.String(metadata, "Arn") ?? "";
        var id = JsonFields.String(metadata, "KeyId") ?? "";
        // An alias names no key id to compare; a key id or ARN must be the file's key.
        if (!keyId.Contains("alias/", StringComparison.Ordinal) && keyId != arn && keyId != id)
        {
            throw Missing(VendorEvidenceFiles.DescribeKey, command, $"describes key {(arn.Length > 0 ? arn : id)}, not {keyId}");
        }

        return Task.FromResult(new KmsKeyInfo(id.Length > 0 ? id : keyId, arn.Length > 0 ? arn : keyId,
            JsonFields.String(metadata, "AWSAccountId"), JsonFields.String(metadata, "KeyState"), JsonFields.String(metadata, "KeyManager")));
    }

    /// <summary><c>{"Policy": "...", "PolicyName": "default"}</c> (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html).</summary>
    public Task<string> GetKeyPolicyAsync(string keyId, string region, CancellationToken ct)
    {
        var command = $"aws kms get-key-policy --key-id {Q(keyId)} --policy-name default --region {Q(region)}";
        return Task.FromResult(EvidenceJson.PolicyDocument(Load(VendorEvidenceFiles.GetKeyPolicy, command, "kms", "GetKeyPolicy", "kms:GetKeyPolicy"), "Policy")
            ?? throw Missing(VendorEvidenceFiles.GetKeyPolicy, command, "has no Policy"));
    }

    /// <summary>
    /// <c>{"Grants": [...], "Truncated": false}</c> (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html; the CLI
    /// follows NextMarker itself). Grants of another key mean the file is another key's.
    /// </summary>
    public Task<IReadOnlyList<KmsGrant>> ListGrantsAsync(string keyId, string region, CancellationToken ct)
    {
        var command = $"aws kms list-grants --key-id {Q(keyId)} --region {Q(region)}";
        var root = Load(VendorEvidenceFiles.ListGrants, command, "kms", "ListGrants", "kms:ListGrants");
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Grants", out _))
        {
            throw Missing(VendorEvidenceFiles.ListGrants, command, "has no Grants");
        }

        var grants = JsonFields.Array(root, "Grants").Where(g => g.ValueKind == JsonValueKind.Object).ToList();
        if (grants.Select(g => JsonFields.String(g, "KeyId")).OfType<string>().FirstOrDefault(k => k != keyId) is { } other)
        {
            throw Missing(VendorEvidenceFiles.ListGrants, command, $"lists the grants of key {other}, not {keyId}");
        }

        return Task.FromResult<IReadOnlyList<KmsGrant>>(grants.Select(g => new KmsGrant(
            JsonFields.String(g, "GrantId") ?? "",
            JsonFields.String(g, "GranteePrincipal"),
            JsonFields.Strings(g, "Operations"),
            JsonFields.Object(g, "Constraints") is { } c && (NonEmptyObject(c, "EncryptionContextEquals") || NonEmptyObject(c, "EncryptionContextSubset"))))
            .ToList());
    }

    private static bool NonEmptyObject(JsonElement parent, string name) =>
        JsonFields.Object(parent, name) is { } value && value.EnumerateObject().Any();

    /// <summary>The file's JSON; its CLI error line becomes the live call's exception; anything else is a gap naming the command.</summary>
    private JsonElement Load(string fileName, string command, string service, string operation, string iamAction)
    {
        var text = ReadText(fileName, command);
        try
        {
            using var document = JsonDocument.Parse(text);
            JsonTextCheck.Check(text);
            return document.RootElement.Clone();
        }
        catch (FormatException e)
        {
            throw Missing(fileName, command, $"is not valid: {e.Message}");
        }
        catch (JsonException e)
        {
            throw CliError(fileName, command, text, service, operation, iamAction)
                ?? Missing(fileName, command, $"cannot be read as JSON ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    /// <summary>For the files <see cref="AwsEvidenceSource"/> parses: a CLI error line in them is AWS's answer, thrown as such.</summary>
    private void ThrowIfCliError(string fileName, string service, string operation, string iamAction)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            return;
        }

        string text;
        try
        {
            text = BoundedRead.FileText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // AwsEvidenceSource reports the unreadable file, naming its command.
            return;
        }

        // Another operation's error is left to AwsEvidenceSource too: it is no JSON, and that message names the command.
        if (!text.TrimStart().StartsWith('{') && CliErrorLine.Find(text) is { } error && error.Operation == operation)
        {
            throw new AwsCallException(service, operation, iamAction, null, error.Code, error.Message);
        }
    }

    private string ReadText(string fileName, string command)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw Missing(fileName, command, "is missing");
        }

        string text;
        try
        {
            text = BoundedRead.FileText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw Missing(fileName, command, $"cannot be read ({e.Message.ReplaceLineEndings(" ")}; if the command failed, keep its error in the file with 2>&1)");
        }

        return text.Trim().Length == 0
            ? throw Missing(fileName, command, "is empty (if the command failed, keep its error in the file with 2>&1)")
            : text;
    }

    /// <summary>The CLI's error for this very operation as the live call's exception; an error of another operation is the wrong file.</summary>
    private static Exception? CliError(string fileName, string command, string text, string service, string operation, string iamAction)
    {
        if (CliErrorLine.Find(text) is not { } error)
        {
            return null;
        }

        return error.Operation == operation
            ? new AwsCallException(service, operation, iamAction, null, error.Code, error.Message)
            : Missing(fileName, command, $"holds the CLI's error for {error.Operation}, not {operation}");
    }

    private static AwsEvidenceMissingException Missing(string fileName, string command, string problem) =>
        new(fileName, $"{command} --output json > {fileName}", problem);

    private static string Q(string value) => ShellQuote.Arg(value);
}

using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Vendor;
using Cargo.Doctor.Sources.Vendor;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Setup;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Checks.Vendor;

/// <summary>
/// Issue 25: `cargo-doctor vendor --aws-evidence DIR`. The folder is written by the real aws CLI, with Cargo's
/// credentials, against the stateful fake, with the commands the README's vendor section lists; for the good pair and
/// each broken scenario of the live vendor tests it gives the same facts and verdicts as the live reads.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class VendorEvidenceTests : IDisposable
{
    private readonly VendorScenario scenario = new();
    private readonly string folder = Directory.CreateTempSubdirectory("vendor-evidence-").FullName;

    public void Dispose()
    {
        scenario.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    public static TheoryData<string> States() =>
    [
        "good", "trust-other-role", "trust-account-condition-other-role", "trust-external-id", "cargo-role-missing",
        "bucket-policy-denies", "other-prefix", "key-without-grant", "grant-to-role", "grants-not-listable", "sse-s3", "other-region",
    ];

    [Theory]
    [MemberData(nameof(States))]
    public async Task evidence_written_by_the_cli_gives_the_live_verdicts(string state)
    {
        var bucketRegion = Break(state);

        var live = await scenario.VendorAsync();
        await WriteEvidenceAsync(bucketRegion);
        var evidence = VendorScenario.Snapshot(await VendorFactsSource.ReadEvidenceAsync(scenario.Request, folder, TestContext.Current.CancellationToken));
        var findings = VendorScenario.Run(evidence);

        Assert.Equal(Json(live.Facts.Vendor!), Json(evidence.Vendor!));
        Assert.Equal(Verdicts(live.Findings), Verdicts(findings));
        // vendor.network-path is skipped without --probe; every other check passes only in the good states.
        Assert.Equal(state is "good" or "grant-to-role" or "sse-s3", findings.Where(f => f.CheckId != NetworkPathRule.Id).All(f => f.Status == CheckStatus.Pass));
    }

    [Fact]
    public async Task a_missing_file_makes_the_check_that_needs_it_unknown_naming_the_command()
    {
        await WriteEvidenceAsync(VendorScenario.Region);
        File.Delete(Path.Combine(folder, VendorEvidenceFiles.GetKeyPolicy));

        var findings = VendorScenario.Run(VendorScenario.Snapshot(await VendorFactsSource.ReadEvidenceAsync(scenario.Request, folder, TestContext.Current.CancellationToken)));

        var key = findings.Single(f => f.CheckId == BucketKeyRule.Id);
        Assert.Equal(CheckStatus.Unknown, key.Status);
        Assert.Contains($"aws kms get-key-policy --key-id '{scenario.KeyArn}' --policy-name default --region 'eu-west-1' --output json > get-key-policy.json", key.Text());
        Assert.Equal(CheckStatus.Pass, findings.Single(f => f.CheckId == BucketAccessRule.Id).Status);
    }

    [Fact]
    public async Task a_file_that_is_not_json_makes_its_check_unknown_not_a_crash()
    {
        await WriteEvidenceAsync(VendorScenario.Region);
        await File.WriteAllTextAsync(Path.Combine(folder, VendorEvidenceFiles.GetBucketPolicy), "{\"Policy\": ", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, VendorEvidenceFiles.GetBucketLocation), "", TestContext.Current.CancellationToken);

        var findings = VendorScenario.Run(VendorScenario.Snapshot(await VendorFactsSource.ReadEvidenceAsync(scenario.Request, folder, TestContext.Current.CancellationToken)));

        var access = findings.Single(f => f.CheckId == BucketAccessRule.Id);
        var region = findings.Single(f => f.CheckId == BucketRegionRule.Id);
        Assert.Equal(CheckStatus.Unknown, region.Status);
        Assert.Contains("get-bucket-location.json", region.Text());
        Assert.Contains("aws s3api get-bucket-location --bucket 'cargo-exchange'", region.Text());
        Assert.Equal(CheckStatus.Unknown, access.Status);
    }

    [Fact]
    public async Task a_bucket_policy_file_that_is_not_json_names_the_file_and_its_command()
    {
        await WriteEvidenceAsync(VendorScenario.Region);
        await File.WriteAllTextAsync(Path.Combine(folder, VendorEvidenceFiles.GetBucketPolicy), "{\"Policy\": ", TestContext.Current.CancellationToken);

        var facts = await VendorFactsSource.ReadEvidenceAsync(scenario.Request, folder, TestContext.Current.CancellationToken);
        var access = VendorScenario.Run(VendorScenario.Snapshot(facts)).Single(f => f.CheckId == BucketAccessRule.Id);

        Assert.Equal(CheckStatus.Unknown, access.Status);
        Assert.Contains("get-bucket-policy.json cannot be read as JSON", facts.BucketPolicyGap!.Reason);
        Assert.Contains("aws s3api get-bucket-policy --bucket 'cargo-exchange' --region 'eu-west-1'", facts.BucketPolicyGap.Reason);
        Assert.DoesNotContain('\n', facts.BucketPolicyGap.Reason);
    }

    /// <summary>Breaks the scenario as the live vendor tests do; returns the bucket's region.</summary>
    private string Break(string state)
    {
        const string KeyAdminOnly = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{CargoAccountId}}}}:role/key-admin"},"Action":"kms:*","Resource":"*"}]}
            """;
        switch (state)
        {
            case "trust-other-role":
                scenario.CargoRole.TrustPolicy = VendorScenario.TrustOf("arn:aws:iam::123456789012:role/someone-else");
                break;
            case "trust-account-condition-other-role":
                scenario.CargoRole.TrustPolicy = $$$$"""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{AccountId}}}}:root"},"Action":"sts:AssumeRole",
                      "Condition":{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::{{{{AccountId}}}}:role/someone-else"}}}]}
                    """;
                break;
            case "trust-external-id":
                scenario.CargoRole.TrustPolicy = TrustPolicyFor(CustomerRoleArn);
                break;
            case "cargo-role-missing":
                scenario.Cargo.Roles.Clear();
                break;
            case "bucket-policy-denies":
                scenario.BucketState.Policy = $$$$"""
                    {"Version":"2012-10-17","Statement":[{"Sid":"NoLoader","Effect":"Deny","Principal":{"AWS":"{{{{CargoRoleArn}}}}"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::cargo-exchange/*"}]}
                    """;
                break;
            case "other-prefix":
                scenario.CargoRole.InlinePolicies["cargo-bucket"] = VendorScenario.BucketAccessPolicy("customers/other");
                break;
            case "key-without-grant":
                scenario.Key.Policy = KeyAdminOnly;
                break;
            case "grant-to-role":
                scenario.Key.Policy = KeyAdminOnly;
                scenario.Key.Grants.Add(new FakeKmsGrant("grant-1", CargoRoleArn, ["GenerateDataKey", "Decrypt"]));
                break;
            case "grants-not-listable":
                scenario.Key.Policy = KeyAdminOnly;
                scenario.Key.ListGrantsDenied = true;
                break;
            case "sse-s3":
                scenario.BucketState.SseAlgorithm = "AES256";
                scenario.BucketState.KmsKeyId = null;
                break;
            case "other-region":
                scenario.Fake.OtherRegions.Add("us-east-1");
                scenario.Cargo.Buckets[VendorScenario.Bucket] = new FakeBucket(VendorScenario.Bucket, "us-east-1");
                return "us-east-1";
        }

        return VendorScenario.Region;
    }

    /// <summary>
    /// The README's vendor evidence commands, with Cargo's credentials (the support engineer's), run with the real CLI.
    /// Errors AWS answers (no bucket policy, no role, grants not listable) are kept in the file with 2>&amp;1, as the README says.
    /// </summary>
    private async Task WriteEvidenceAsync(string bucketRegion)
    {
        var role = VendorScenario.CargoRoleName;
        var bucket = VendorScenario.Bucket;
        var key = scenario.KeyArn;
        var script = Path.Combine(folder, "collect.sh");
        await File.WriteAllTextAsync(script, $$"""
            set -uo pipefail
            cd '{{folder}}'
            aws sts get-caller-identity --output json > get-caller-identity.json
            aws iam get-role --role-name {{role}} --output json > get-role.json 2>&1
            aws iam list-attached-role-policies --role-name {{role}} --output json > list-attached-role-policies.json
            aws iam list-role-policies --role-name {{role}} --output json > list-role-policies.json
            for name in $(aws iam list-role-policies --role-name {{role}} --query 'PolicyNames[]' --output text 2>/dev/null); do
              aws iam get-role-policy --role-name {{role}} --policy-name "$name" --output json > "get-role-policy.$name.json"
            done
            aws s3api get-bucket-location --bucket {{bucket}} --region {{VendorScenario.Region}} --output json > get-bucket-location.json
            aws s3api get-bucket-policy --bucket {{bucket}} --region {{bucketRegion}} --output json > get-bucket-policy.json 2>&1
            aws s3api get-bucket-encryption --bucket {{bucket}} --region {{bucketRegion}} --output json > get-bucket-encryption.json 2>&1
            aws kms describe-key --key-id {{key}} --region {{bucketRegion}} --output json > describe-key.json
            aws kms get-key-policy --key-id {{key}} --policy-name default --region {{bucketRegion}} --output json > get-key-policy.json
            aws kms list-grants --key-id {{key}} --region {{bucketRegion}} --output json > list-grants.json 2>&1
            exit 0
            """, TestContext.Current.CancellationToken);
        var run = await AwsCliScript.RunAsync(script, scenario.Fake, environment: new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = VendorScenario.CargoCaller.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = VendorScenario.CargoCaller.SecretKey,
        });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(scenario.Fake.SigningProblems);
    }

    private static string Json(VendorFacts vendor) => System.Text.Json.JsonSerializer.Serialize(vendor, FactsJson.Options);

    private static List<(string CheckId, CheckStatus Status, string Summary)> Verdicts(IEnumerable<Finding> findings) =>
        findings.Select(f => (f.CheckId, f.Status, f.Summary)).ToList();
}

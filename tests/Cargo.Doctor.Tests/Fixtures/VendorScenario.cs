using Amazon.Runtime;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Sources.Vendor;
using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>
/// Both halves of the chain in one fake: the customer's account (its role) and Cargo's (Cargo's role, the bucket,
/// the bucket key), each with its own caller. Built as a good pair; a test breaks one thing and runs
/// <c>cargo-doctor vendor</c>'s reads and rules with Cargo's credentials.
/// </summary>
public sealed class VendorScenario : IDisposable
{
    public const string Bucket = "cargo-exchange";
    public const string Prefix = "customers/acme";
    public const string Region = "eu-west-1";
    public const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string CargoRoleName = "cargo-data-loader";

    /// <summary>Cargo's support engineer: the identity that runs `cargo-doctor vendor`, in Cargo's account.</summary>
    public static readonly FakeCaller CargoCaller = new(
        "AKIACARGOSUPPORT0001", "cargo/Support+Secret/0123456789abcdefghij", CargoAccountId,
        $"arn:aws:iam::{CargoAccountId}:user/support", "AIDACARGOSUPPORT0001");

    private static readonly Lazy<CheckCatalog> Catalog = new(CatalogLoader.LoadVendor);

    public VendorScenario()
    {
        Fake = new FakeAwsEndpoint(Region);
        Fake.AddCaller(CargoCaller);
        Customer = new FakeAwsAccount(Fake);
        Cargo = new FakeAwsAccount(Fake, CargoAccountId);
        Customer.Roles[CustomerRoleName] = new FakeRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy());
        CargoRole = Cargo.Roles[CargoRoleName] = new FakeRole(CargoRoleName, CargoRoleArn, TrustOf(CustomerRoleArn));
        CargoRole.InlinePolicies["cargo-bucket"] = BucketAccessPolicy(Prefix);
        CargoRole.InlinePolicies["cargo-key"] = KeyUsePolicy();
        BucketState = Cargo.Buckets[Bucket] = new FakeBucket(Bucket, Region) { SseAlgorithm = "aws:kms", KmsKeyId = Cargo.KeyArn(KeyId) };
        Key = Cargo.Keys[KeyId] = new FakeKmsKey(KeyId, Region, RootEnablesIamKeyPolicy());
    }

    public FakeAwsEndpoint Fake { get; }

    public FakeAwsAccount Customer { get; }

    public FakeAwsAccount Cargo { get; }

    public FakeRole CargoRole { get; }

    public FakeBucket BucketState { get; }

    public FakeKmsKey Key { get; }

    public string KeyArn => Cargo.KeyArn(KeyId);

    public VendorReadRequest Request { get; set; } = new(Region, CargoRoleArn, CustomerRoleArn, Bucket, Prefix, null);

    public static string TrustOf(string principal) =>
        $$$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{{{principal}}}}"},"Action":"sts:AssumeRole"}]}""";

    /// <summary>What UNLOAD and COPY need on the customer's prefix (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-access-permissions.html).</summary>
    public static string BucketAccessPolicy(string prefix) => $$$$"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Objects","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::{{{{Bucket}}}}/{{{{prefix}}}}/*"},
          {"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::{{{{Bucket}}}}","Condition":{"StringLike":{"s3:prefix":"{{{{prefix}}}}/*"}}},
          {"Sid":"Location","Effect":"Allow","Action":"s3:GetBucketLocation","Resource":"arn:aws:s3:::{{{{Bucket}}}}"}]}
        """;

    public string KeyUsePolicy() => $$$$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"arn:aws:kms:{{{{Region}}}}:{{{{CargoAccountId}}}}:key/{{{{KeyId}}}}"}]}
        """;

    /// <summary>The default key policy: the account root "enables IAM policies" (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).</summary>
    public static string RootEnablesIamKeyPolicy() => $$$$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{{CargoAccountId}}}}:root"},"Action":"kms:*","Resource":"*"}]}
        """;

    public AwsApi.Clients.AwsClientOptions CargoOptions() =>
        Fake.ClientOptions() with { Credentials = new BasicAWSCredentials(CargoCaller.AccessKey, CargoCaller.SecretKey) };

    public Task<VendorFacts> ReadAsync() => VendorFactsSource.ReadAsync(Request, CargoOptions(), TestContext.Current.CancellationToken);

    public static FactsSnapshot Snapshot(VendorFacts vendor) => new()
    {
        ToolVersion = "test",
        StartedAt = DateTimeOffset.UnixEpoch,
        Target = new TargetDescription { Region = vendor.Region },
        Vendor = vendor,
    };

    public static IReadOnlyList<Finding> Run(FactsSnapshot facts) => new CheckRunner(Catalog.Value, RuleSet.All).Run(facts);

    /// <summary>Reads with Cargo's credentials and evaluates every vendor check.</summary>
    public async Task<CheckResult> VendorAsync()
    {
        var facts = Snapshot(await ReadAsync());
        return new CheckResult(facts, Run(facts), 0);
    }

    public void Dispose() => Fake.Dispose();
}

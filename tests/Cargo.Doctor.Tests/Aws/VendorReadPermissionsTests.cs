using System.Text.Json;
using Cargo.Doctor.Sources.Vendor;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Issue 25 item 6: `aws-policy --vendor` lists every action the vendor run calls, and only read actions. Operation to
/// IAM action: the same name, except GetBucketEncryption, which needs s3:GetEncryptionConfiguration
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html).
/// </summary>
[Trait("Category", "Aws")]
public sealed class VendorReadPermissionsTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task every_call_of_the_vendor_run_is_in_the_vendor_policy()
    {
        scenario.BucketState.Policy = """{"Version":"2012-10-17","Statement":[]}""";

        await scenario.ReadAsync();

        var called = scenario.Fake.Requests
            .Select(r => $"{r.SigningService}:{(r.Operation == "GetBucketEncryption" ? "GetEncryptionConfiguration" : r.Operation)}")
            .Distinct().ToList();
        Assert.Contains("kms:ListGrants", called);
        Assert.All(called, action => Assert.Contains(action, VendorReadPermissions.Actions));
    }

    [Fact]
    public void the_vendor_policy_is_valid_json_of_read_actions_only()
    {
        using var policy = JsonDocument.Parse(VendorReadPermissions.PolicyJson());

        var actions = policy.RootElement.GetProperty("Statement")[0].GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.Equal(VendorReadPermissions.Actions, actions);
        Assert.All(actions, a => Assert.Matches(":(Get|List|Describe)", a));
    }
}

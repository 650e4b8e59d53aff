using Cargo.Doctor.Catalog;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;

namespace Cargo.Doctor.Tests.Checks.Vendor;

/// <summary>
/// Issue 25 item 5: `cargo-doctor chain` joins a customer's facts and Cargo's: a good pair passes, a broken half names
/// the side that must act, and redacted files are refused (their tokens are per run).
/// </summary>
[Trait("Category", "Aws")]
public sealed class ChainScenarioTests : IDisposable
{
    private readonly VendorScenario scenario = new();

    public void Dispose() => scenario.Dispose();

    private static string AssumeCargoPolicy() => $$$$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{{{CargoRoleArn}}}}"}]}
        """;

    /// <summary>What `check --save-facts` holds for a customer whose half is right.</summary>
    private static FactsSnapshot Customer(string trustPolicy) => new()
    {
        ToolVersion = "test",
        StartedAt = DateTimeOffset.UnixEpoch,
        Target = new TargetDescription { Region = VendorScenario.Region, ClusterIdentifier = "acme-dw" },
        Aws = new AwsFacts
        {
            Region = VendorScenario.Region,
            Target = new RedshiftTargetFacts { Kind = "cluster", Identifier = "acme-dw", Status = "available", AccountId = AccountId },
            AttachedRoles = [new AttachedRoleFacts(CustomerRoleArn, "in-sync")],
            CargoRoleArn = CargoRoleArn,
            CargoUser = "cargo_user",
            RequestedRoleArn = CustomerRoleArn,
            CallerAccountId = AccountId,
            Selection = new RoleSelectionFacts(RoleSelectionKind.Configured, "given"),
            Role = new CustomerRoleFacts
            {
                Arn = CustomerRoleArn,
                Name = CustomerRoleName,
                TrustPolicy = trustPolicy,
                Policies = [new RolePolicyFacts("cargo-assume-role", "inline", null, AssumeCargoPolicy())],
            },
        },
    };

    private async Task<IReadOnlyList<ChainItem>> ChainAsync(FactsSnapshot customer) =>
        ChainVerdict.Evaluate(customer, VendorScenario.Snapshot(await scenario.ReadAsync()), CatalogLoader.LoadDefault(), CatalogLoader.LoadVendor());

    private static string Describe(IEnumerable<ChainItem> items) => string.Join("\n", items);

    [Fact]
    public async Task a_good_pair_passes_and_names_the_chain()
    {
        var items = await ChainAsync(Customer(RedshiftServiceTrustPolicy()));

        Assert.False(ChainVerdict.AnyFailed(items), Describe(items));
        Assert.Contains(items, i => i.Name == "chain" && i.Text == $"IAM_ROLE '{CustomerRoleArn},{CargoRoleArn}'");
        Assert.Contains(items, i => i.Name == "hop 2: vendor.trusts-customer-role" && i.Status == CheckStatus.Pass);
        Assert.Contains(items, i => i.Name == "hop 1: iam.trust-policy" && i.Status == CheckStatus.Pass);
    }

    [Fact]
    public async Task a_broken_cargo_half_names_cargo_as_the_side_that_must_act()
    {
        scenario.CargoRole.TrustPolicy = VendorScenario.TrustOf("arn:aws:iam::123456789012:role/someone-else");

        var items = await ChainAsync(Customer(RedshiftServiceTrustPolicy()));

        var failing = Assert.Single(items, i => i.Status == CheckStatus.Fail);
        Assert.Equal(("hop 2: vendor.trusts-customer-role", ChainVerdict.CargoSide), (failing.Name, failing.Side));
    }

    [Fact]
    public async Task a_broken_customer_half_names_the_customer_as_the_side_that_must_act()
    {
        var items = await ChainAsync(Customer("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));

        var failing = Assert.Single(items, i => i.Status == CheckStatus.Fail);
        Assert.Equal(("hop 1: iam.trust-policy", ChainVerdict.CustomerSide), (failing.Name, failing.Side));
    }

    [Fact]
    public async Task a_redacted_file_is_refused_with_one_line()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => ChainAsync(Customer(RedshiftServiceTrustPolicy()) with { Redacted = true }));

        Assert.Contains("redacted facts files cannot be joined", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}

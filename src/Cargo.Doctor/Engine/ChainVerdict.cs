using Cargo.Doctor.Catalog;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;

namespace Cargo.Doctor.Engine;

/// <summary>
/// <c>cargo-doctor chain</c>: one verdict over both halves of the role chain
/// (https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html#authorizing-redshift-service-chaining-roles),
/// from a customer's facts file (<c>check --save-facts</c>) and Cargo's (<c>vendor --save-facts</c>): the two runs name
/// the same roles, each hop's checks with the side that must act, the chain string and the regions.
/// </summary>
public static class ChainVerdict
{
    public const string CustomerSide = "customer";
    public const string CargoSide = "Cargo";

    /// <summary>The customer-side checks of the first hop (Redshift assumes the customer's role, which may assume Cargo's).</summary>
    private static readonly string[] FirstHop = ["iam.role-attached", "iam.trust-policy", "iam.assume-cargo-role"];

    /// <summary>Cargo's checks of the second hop and of what Cargo's role reaches.</summary>
    private static readonly string[] SecondHop = ["vendor.trusts-customer-role", "vendor.bucket-access", "vendor.bucket-key", "vendor.bucket-region"];

    /// <summary>Refuses what cannot be joined with one line (a <see cref="FormatException"/>); the caller makes it a usage error.</summary>
    public static IReadOnlyList<ChainItem> Evaluate(FactsSnapshot customer, FactsSnapshot vendor, CheckCatalog customerCatalog, CheckCatalog vendorCatalog)
    {
        if (customer.Redacted || vendor.Redacted)
        {
            throw new FormatException("redacted facts files cannot be joined (their tokens differ from run to run): save both without --redact");
        }

        if (customer.Aws is not { } aws || customer.Vendor is not null)
        {
            throw new FormatException("the first file is not a customer's run with AWS checks (`cargo-doctor check --cluster|--workgroup ... --save-facts`)");
        }

        if (vendor.Vendor is not { } cargo)
        {
            throw new FormatException("the second file is not Cargo's run (`cargo-doctor vendor ... --save-facts`)");
        }

        var items = new List<ChainItem>();
        var attached = aws.AttachedRoles?.Select(r => r.Arn).ToList();
        items.Add(attached is null
            ? new ChainItem("attached role", CheckStatus.Unknown, CustomerSide, $"the warehouse's roles could not be read: {aws.AttachedRolesGap}")
            : attached.Contains(cargo.CustomerRoleArn, StringComparer.Ordinal)
                ? new ChainItem("attached role", CheckStatus.Pass, CustomerSide, $"{cargo.CustomerRoleArn}, the role Cargo trusts, is attached to the warehouse")
                : new ChainItem("attached role", CheckStatus.Fail, attached.Count == 0 ? CustomerSide : $"{CustomerSide} or {CargoSide}",
                    $"Cargo expects {cargo.CustomerRoleArn}, but the warehouse has {(attached.Count == 0 ? "no role attached" : string.Join(", ", attached))}: attach it, or Cargo uses the attached one"));
        items.Add(string.Equals(aws.CargoRoleArn, cargo.CargoRoleArn, StringComparison.Ordinal)
            ? new ChainItem("Cargo's role", CheckStatus.Pass, CargoSide, $"both runs name {cargo.CargoRoleArn}")
            : new ChainItem("Cargo's role", CheckStatus.Fail, $"{CustomerSide} or {CargoSide}",
                $"the customer checked against {aws.CargoRoleArn ?? "no Cargo role"}, Cargo's run read {cargo.CargoRoleArn}: one of them has the wrong ARN"));
        items.Add(new ChainItem("chain", CheckStatus.Pass, CargoSide, $"IAM_ROLE '{cargo.CustomerRoleArn},{cargo.CargoRoleArn}'"));

        var customerFindings = new CheckRunner(customerCatalog, RuleSet.All).Run(customer).ToDictionary(f => f.CheckId, StringComparer.Ordinal);
        var vendorFindings = new CheckRunner(vendorCatalog, RuleSet.All).Run(vendor).ToDictionary(f => f.CheckId, StringComparer.Ordinal);
        items.AddRange(Hop("hop 1", FirstHop, customerFindings, CustomerSide));
        items.AddRange(Hop("hop 2", SecondHop, vendorFindings, CargoSide));

        var bucketRegion = cargo.BucketRegion ?? "unknown";
        items.Add(string.Equals(aws.Region, cargo.Region, StringComparison.Ordinal)
            ? new ChainItem("regions", cargo.BucketRegion is null ? CheckStatus.Unknown : CheckStatus.Pass, CargoSide,
                $"warehouse {aws.Region}, bucket {bucketRegion}{(cargo.BucketRegion is { } b && b != aws.Region ? $": statements carry REGION '{b}'" : "")}")
            : new ChainItem("regions", CheckStatus.Fail, CargoSide, $"the customer's warehouse is in {aws.Region}, but Cargo's run was given --region {cargo.Region}: run `cargo-doctor vendor` again with --region {aws.Region}"));
        return items;
    }

    /// <summary>0 when every item passes, 1 when one fails or warns; unknown alone is 0 with nothing proven failing.</summary>
    public static bool AnyFailed(IEnumerable<ChainItem> items) => items.Any(i => i.Status is CheckStatus.Fail or CheckStatus.Warn);

    private static IEnumerable<ChainItem> Hop(string hop, string[] ids, Dictionary<string, Finding> findings, string side) =>
        ids.Where(findings.ContainsKey).Select(id => new ChainItem($"{hop}: {id}", findings[id].Status, side, findings[id].Summary));
}

/// <param name="Side">Who must act when it is not a pass: customer, Cargo, or both named.</param>
public sealed record ChainItem(string Name, CheckStatus Status, string Side, string Text);

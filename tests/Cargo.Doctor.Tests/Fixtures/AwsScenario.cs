using Cargo.Doctor.Catalog;
using Cargo.Doctor.Config;
using Cargo.Doctor.Engine;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Tests.Aws;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Fixtures;

/// <summary>Runs `cargo-doctor check` logic (FactsCollector + every rule) against a <see cref="FakeAwsEndpoint"/>.</summary>
public static class AwsScenario
{
    private static readonly Lazy<CheckCatalog> Catalog = new(CatalogLoader.LoadDefault);

    public static DoctorConfig Provisioned(string? roleArn = CustomerRoleArn) => new()
    {
        Aws = new AwsConfig { Region = "eu-west-1", ClusterIdentifier = ClusterId, RoleArn = roleArn },
        Cargo = new CargoConfig { Ips = [CargoIpCidr], RoleArn = CargoRoleArn },
    };

    public static DoctorConfig Serverless(string? roleArn = CustomerRoleArn) => Provisioned(roleArn) with
    {
        Aws = new AwsConfig { Region = "eu-west-1", Workgroup = WorkgroupName, RoleArn = roleArn },
    };

    public static async Task<CheckResult> CheckAsync(this FakeAwsEndpoint fake, DoctorConfig config)
    {
        var facts = await new FactsCollector(config, null, fake.ClientOptions(), FakeDns.Public.ResolveAsync)
            .CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        return new CheckResult(facts, Run(facts), 0);
    }

    public static IReadOnlyList<Cargo.Doctor.Findings.Finding> Run(Cargo.Doctor.Facts.FactsSnapshot facts) =>
        new CheckRunner(Catalog.Value, RuleSet.All).Run(facts);

    public static string Sh(this Cargo.Doctor.Findings.Finding finding) =>
        string.Join("\n", finding.Remediation.Where(r => r.Kind == "sh").Select(r => r.Text));

    public static string Text(this Cargo.Doctor.Findings.Finding finding) =>
        finding.Summary + "\n" + string.Join("\n", finding.Details);
}

using System.Text.Json;
using Cargo.Doctor.Config;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Sources;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Sources.Aws;

/// <summary>The evidence folder (AWS CLI JSON) gives the same facts and verdicts as the live API path.</summary>
[Trait("Category", "Aws")]
public sealed class AwsEvidenceSourceTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cargo-doctor-evidence-" + Guid.NewGuid().ToString("N"));

    public AwsEvidenceSourceTests()
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(SamplesFolder()))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task sample_folder_gives_the_same_facts_as_the_api_for_the_same_state()
    {
        var api = await fake.AllGoodProvisioned().CheckAsync(AwsScenario.Provisioned());
        var evidence = await CheckEvidenceAsync();

        Assert.Equal("evidence", evidence.Facts.Aws!.Source);
        Assert.Equal(Json(api.Facts.Aws!), Json(evidence.Facts.Aws with { Source = "api" }));
        Assert.All(evidence.Findings.Where(f => f.CheckId.StartsWith("net.", StringComparison.Ordinal) || f.CheckId.StartsWith("iam.", StringComparison.Ordinal)),
            f => Assert.True(f.Status == CheckStatus.Pass, evidence.Describe()));
    }

    [Fact]
    public async Task failing_state_gives_the_same_verdicts_as_the_api()
    {
        const string denyPolicy = """{"Version":"2012-10-17","Statement":[{"Sid":"NoChaining","Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}""";
        fake.PortClosedToCargo()
            .Respond("ListRolePolicies", ListRolePolicies(null, "lockdown"))
            .Respond("GetRolePolicy", GetRolePolicy(CustomerRoleName, "lockdown", denyPolicy))
            .Respond("DescribeClusters", DescribeClusters(null, Cluster(ClusterId, publiclyAccessible: false, securityGroupIds: [SecurityGroupId], iamRoles: [(CustomerRoleArn, "adding")], networkXml: FakeVpcResponses.ClusterNetworkXml())))
            .Respond("SimulatePrincipalPolicy", SimulatePrincipalPolicy(null, ("sts:AssumeRole", CargoRoleArn, "explicitDeny")));
        var api = await fake.CheckAsync(AwsScenario.Provisioned());

        Edit(AwsEvidenceFiles("describe-security-groups.json"), "3.248.0.10/32", "10.0.0.0/8");
        Edit(AwsEvidenceFiles("describe-clusters.json"), "\"PubliclyAccessible\": true", "\"PubliclyAccessible\": false");
        Edit(AwsEvidenceFiles("describe-clusters.json"), "\"in-sync\"", "\"adding\"");
        File.WriteAllText(AwsEvidenceFiles("simulate-principal-policy.json"),
            $$"""{"EvaluationResults":[{"EvalActionName":"sts:AssumeRole","EvalResourceName":"{{CargoRoleArn}}","EvalDecision":"explicitDeny","MatchedStatements":[],"MissingContextValues":[]}]}""");
        File.WriteAllText(AwsEvidenceFiles("list-role-policies.json"), """{"PolicyNames": ["lockdown"]}""");
        // Policy documents as a URL-encoded string, as the raw API returns them: accepted too.
        File.WriteAllText(AwsEvidenceFiles("get-role-policy.lockdown.json"),
            JsonSerializer.Serialize(new { RoleName = CustomerRoleName, PolicyName = "lockdown", PolicyDocument = Uri.EscapeDataString(denyPolicy) }));
        var evidence = await CheckEvidenceAsync();

        Assert.Equal(Json(api.Facts.Aws!), Json(evidence.Facts.Aws! with { Source = "api" }));
        Assert.Equal(Verdicts(api), Verdicts(evidence));
        Assert.Equal(
            // net.route and net.nacl are blocked by net.publicly-accessible; net.data-path passes (enhanced VPC routing off).
            [CheckStatus.Fail, CheckStatus.Fail, CheckStatus.Skipped, CheckStatus.Skipped, CheckStatus.Pass, CheckStatus.Pass, CheckStatus.Fail, CheckStatus.Warn],
            Verdicts(evidence).Select(v => v.Status));
    }

    [Fact]
    public async Task missing_file_is_unknown_and_names_the_command_that_creates_it()
    {
        File.Delete(AwsEvidenceFiles("get-role.json"));

        var result = await CheckEvidenceAsync();

        var trust = result[TrustPolicyRule.Id];
        Assert.Equal(CheckStatus.Unknown, trust.Status);
        Assert.Contains("evidence file get-role.json is missing; create it with: aws iam get-role --role-name 'cargo-redshift-access' --output json > get-role.json", trust.Summary);
        Assert.Equal(CheckStatus.Pass, result[IngressRule.Id].Status);
    }

    [Fact]
    public async Task serverless_evidence_parses_stringified_namespace_roles()
    {
        foreach (var file in Directory.GetFiles(folder, "describe-clusters.json"))
        {
            File.Delete(file);
        }

        File.WriteAllText(AwsEvidenceFiles("get-workgroup.json"), GetWorkgroup(WorkgroupName, NamespaceName, securityGroupIds: [SecurityGroupId]).Body);
        File.WriteAllText(AwsEvidenceFiles("get-namespace.json"), GetNamespace(NamespaceName, [SerializedIamRole(CustomerRoleArn, "adding", arnFirst: true)]).Body);

        var result = await CheckEvidenceAsync(workgroup: WorkgroupName);

        Assert.True(result.Facts.Aws!.IsServerless);
        Assert.Equal(new AttachedRoleFacts(CustomerRoleArn, "adding"), Assert.Single(result.Facts.Aws.AttachedRoles!));
        Assert.Equal(CheckStatus.Warn, result[RoleAttachedRule.Id].Status);
        Assert.Equal(CheckStatus.Pass, result[TrustPolicyRule.Id].Status);
    }

    private async Task<CheckResult> CheckEvidenceAsync(string? workgroup = null)
    {
        var config = new DoctorConfig
        {
            Aws = new AwsConfig { EvidenceDir = folder, ClusterIdentifier = workgroup is null ? ClusterId : null, Workgroup = workgroup, RoleArn = CustomerRoleArn },
            Cargo = new CargoConfig { Ips = [CargoIpCidr], RoleArn = CargoRoleArn },
        };
        var facts = await new FactsCollector(config, null, resolveHost: FakeDns.Public.ResolveAsync).CollectAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        return new CheckResult(facts, AwsScenario.Run(facts), 0);
    }

    private string AwsEvidenceFiles(string name) => Path.Combine(folder, name);

    private static void Edit(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static string Json(AwsFacts facts) => JsonSerializer.Serialize(facts, FactsJson.Options);

    private static List<(string CheckId, CheckStatus Status, string Summary)> Verdicts(CheckResult result) =>
        result.Findings.Where(f => f.CheckId.StartsWith("net.", StringComparison.Ordinal) || f.CheckId.StartsWith("iam.", StringComparison.Ordinal))
            .Select(f => (f.CheckId, f.Status, f.Summary)).ToList();

    private static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cargo.Doctor.sln")))
            {
                return Path.Combine(dir.FullName, "samples", "aws-evidence");
            }
        }

        throw new DirectoryNotFoundException("samples/aws-evidence not found above the test binary");
    }
}

using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Iam;
using Cargo.Doctor.Tests.Fixtures;
using static Cargo.Doctor.Tests.Aws.FakeAwsResponses;
using static Cargo.Doctor.Tests.Aws.FakeAwsScenarios;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// Issue 21: the fake has accounts (each access key is a caller in one account, roles belong to an
/// account), answers STS GetCallerIdentity, and its policy simulator answers what the scenario says.
/// Expected values are literals from the pages cited in <see cref="FakeAwsEndpoint"/> and
/// <see cref="FakeAwsAccount"/>, not from the doctor's code.
/// </summary>
[Trait("Category", "Aws")]
public sealed class FakeAwsAccountsTests : IDisposable
{
    private static readonly FakeCaller OtherAccountCaller = new(
        "AKIAOTHERACCOUNTKEY1", "other/Secret+Key/0123456789abcdefghijkl", "444455556666",
        "arn:aws:iam::444455556666:user/auditor", "AIDAOTHERAUDITOR0001");

    private readonly FakeAwsEndpoint fake = new("eu-west-1");

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task get_caller_identity_names_the_principal_and_account_of_each_access_key()
    {
        fake.AddCaller(OtherAccountCaller);

        var doctor = await CallerIdentityAsync(FakeAwsEndpoint.AccessKey, FakeAwsEndpoint.SecretKey);
        var auditor = await CallerIdentityAsync(OtherAccountCaller.AccessKey, OtherAccountCaller.SecretKey);

        Assert.Equal(("123456789012", "arn:aws:sts::123456789012:assumed-role/doctor/session"), (doctor.Account, doctor.Arn));
        Assert.Equal(("444455556666", "arn:aws:iam::444455556666:user/auditor", "AIDAOTHERAUDITOR0001"), (auditor.Account, auditor.Arn, auditor.UserId));
        Assert.Empty(fake.SigningProblems);
    }

    [Fact]
    public async Task an_unknown_access_key_is_refused_as_invalid_client_token()
    {
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(
            () => CallerIdentityAsync("AKIANOTKNOWNTOFAKE01", FakeAwsEndpoint.SecretKey));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
        Assert.Equal(403, (int)error.StatusCode);
    }

    [Fact]
    public async Task a_role_belongs_to_its_account_and_is_not_found_from_another()
    {
        var customer = new FakeAwsAccount(fake);
        _ = new FakeAwsAccount(fake.AddCaller(OtherAccountCaller), "444455556666");
        customer.Roles["shared-name"] = new FakeRole("shared-name", customer.RoleArn("shared-name"), RedshiftServiceTrustPolicy());
        using var mine = fake.CreateClients();
        using var theirs = AwsClients.Create(fake.ClientOptions() with
        {
            Credentials = new BasicAWSCredentials(OtherAccountCaller.AccessKey, OtherAccountCaller.SecretKey),
        });

        var role = await mine.Iam.GetRoleAsync("shared-name", TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<AwsCallException>(() => theirs.Iam.GetRoleAsync("shared-name", TestContext.Current.CancellationToken));

        Assert.Equal("arn:aws:iam::123456789012:role/shared-name", role.Arn);
        Assert.Equal("NoSuchEntity", error.ErrorCode);
        Assert.Equal(["123456789012", "444455556666"], fake.RequestsFor("GetRole").Select(r => r.CallerAccountId));
    }

    /// <summary>
    /// The simulator's decision as the scenario sets it, for a role whose readable policies allow nothing:
    /// allowed means the identity policies allow the call, explicitDeny and implicitDeny that they do not
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html).
    /// </summary>
    [Theory]
    // The simulator alone is no ground for a pass (issue 20 item 5): its "allowed" against documents that allow nothing is unknown.
    [InlineData("allowed", CheckStatus.Unknown)]
    [InlineData("explicitDeny", CheckStatus.Fail)]
    [InlineData("implicitDeny", CheckStatus.Fail)]
    public async Task the_simulator_answers_the_decision_the_scenario_sets_for_the_cargo_role(string decision, CheckStatus expected)
    {
        var account = ProvisionedAccountWithoutPolicies();
        account.SimulatorSays(CustomerRoleName, "sts:AssumeRole", CargoRoleArn, decision);

        var result = await fake.CheckAsync(AwsScenario.Provisioned());

        var simulation = Assert.Single(fake.RequestsFor("SimulatePrincipalPolicy"));
        Assert.Equal(
            [("ActionNames.member.1", "sts:AssumeRole"), ("PolicySourceArn", "arn:aws:iam::123456789012:role/cargo-redshift-access"), ("ResourceArns.member.1", "arn:aws:iam::210987654321:role/cargo-data-loader")],
            simulation.Form.Where(f => f.Key != "Action" && f.Key != "Version").Select(f => (f.Key, f.Value)).OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Contains(result[AssumeCargoRoleRule.Id].Details, d => d.StartsWith($"IAM policy simulator: {decision}", StringComparison.Ordinal));
        Assert.True(result[AssumeCargoRoleRule.Id].Status == expected, result.Describe());
    }

    [Fact]
    public async Task an_action_or_resource_the_scenario_did_not_set_is_implicitly_denied()
    {
        var account = ProvisionedAccountWithoutPolicies();
        account.SimulatorSays(CustomerRoleName, "sts:AssumeRole", "arn:aws:iam::210987654321:role/some-other-role", "allowed");
        using var clients = fake.CreateClients();

        var results = await clients.Iam.SimulatePrincipalPolicyAsync(
            CustomerRoleArn, ["sts:AssumeRole", "sts:TagSession"], [CargoRoleArn], TestContext.Current.CancellationToken);

        Assert.Equal(["implicitDeny", "implicitDeny"], results.Select(r => r.Decision));
        await Assert.ThrowsAsync<AwsCallException>(() => clients.Iam.SimulatePrincipalPolicyAsync(
            "arn:aws:iam::123456789012:role/not-there", ["sts:AssumeRole"], [CargoRoleArn], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void a_decision_outside_the_simulator_vocabulary_is_refused()
    {
        var account = new FakeAwsAccount(fake);

        Assert.Throws<ArgumentException>(() => account.SimulatorSays(CustomerRoleName, "sts:AssumeRole", CargoRoleArn, "deny"));
    }

    private FakeAwsAccount ProvisionedAccountWithoutPolicies()
    {
        var account = new FakeAwsAccount(fake);
        var cluster = account.Clusters[ClusterId] = new FakeCluster(ClusterId) { PubliclyAccessible = true };
        cluster.SecurityGroupIds.Add(SecurityGroupId);
        cluster.IamRoles.Add(CustomerRoleArn);
        account.SecurityGroups[SecurityGroupId] = [new FakeIngressRule("tcp", 5439, 5439, CargoIpCidr)];
        account.Roles[CustomerRoleName] = new FakeRole(CustomerRoleName, CustomerRoleArn, RedshiftServiceTrustPolicy());
        return account;
    }

    private async Task<GetCallerIdentityResponse> CallerIdentityAsync(string accessKey, string secretKey)
    {
        // The SDK's own STS client, not the doctor's: GetCallerIdentity is the fake's, not the product's, behaviour.
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials(accessKey, secretKey),
            new AmazonSecurityTokenServiceConfig { ServiceURL = fake.Url.ToString(), AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 });
        return await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);
    }
}

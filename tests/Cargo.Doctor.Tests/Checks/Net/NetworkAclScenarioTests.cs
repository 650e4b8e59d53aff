using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules.Net;
using Cargo.Doctor.Tests.Aws;
using Cargo.Doctor.Tests.Fixtures;
using Cargo.Doctor.Tests.Setup;

namespace Cargo.Doctor.Tests.Checks.Net;

/// <summary>
/// net.nacl against the stateful fake account's VPC: a deny numbered before the allow, and a missing outbound rule for
/// the replies, each fail net.nacl alone; the fix-aws.sh check writes, run with the real aws CLI, makes it pass and
/// keeps every entry that was there.
/// </summary>
[Trait("Category", "Aws")]
[Trait("Category", "Cli")]
public sealed class NetworkAclScenarioTests : IDisposable
{
    private readonly FakeAwsEndpoint fake = new();
    private readonly string folder = Directory.CreateTempSubdirectory("net-nacl-").FullName;

    public void Dispose()
    {
        fake.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task the_default_acl_passes_naming_the_rule_that_allows()
    {
        fake.PublicClusterInVpc();

        var nacl = (await fake.CheckAsync(AwsScenario.Provisioned()))[NetworkAclRule.Id];

        Assert.True(nacl.Status == CheckStatus.Pass, nacl.Text());
        Assert.Contains("3.248.0.10/32: subnet subnet-0a, acl-0default: outbound TCP 1024-65535 (replies) allowed by rule 100", nacl.Details);
    }

    [Fact]
    public async Task a_deny_before_the_allow_fails_and_the_fix_adds_an_entry_numbered_before_the_deny()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        var acl = vpc.AclDenyBeforeAllow();
        var kept = acl.Entries.ToList();

        await AssertFailsAloneThenFixedAsync(
            "aws ec2 create-network-acl-entry --network-acl-id 'acl-0custom' --ingress --rule-number 10 --protocol 6 --port-range 'From=5439,To=5439' --cidr-block '3.248.0.10/32' --rule-action allow --region 'eu-west-1'",
            "inbound TCP 5439 denied: rule 50 (deny 3.248.0.0/16) comes first");
        Assert.All(kept, entry => Assert.Contains(entry, acl.Entries));
    }

    [Fact]
    public async Task a_missing_outbound_ephemeral_rule_fails_and_the_fix_allows_the_replies()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        vpc.AclWithoutEphemeralOutbound();

        await AssertFailsAloneThenFixedAsync(
            "aws ec2 create-network-acl-entry --network-acl-id 'acl-0custom' --egress --rule-number 110 --protocol 6 --port-range 'From=1024,To=65535' --cidr-block '3.248.0.10/32' --rule-action allow --region 'eu-west-1'",
            "outbound TCP 1024-65535 (replies) denied: no rule allows it before the final * deny");
    }

    [Fact]
    public async Task an_allow_for_part_of_the_ephemeral_range_is_not_enough()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        vpc.CustomAcl(
            new FakeAclEntry(100, false, "-1", "allow", "0.0.0.0/0"),
            new FakeAclEntry(100, true, "6", "allow", "0.0.0.0/0", 32768, 65535));

        var nacl = (await fake.CheckAsync(AwsScenario.Provisioned()))[NetworkAclRule.Id];

        Assert.Equal(CheckStatus.Fail, nacl.Status);
        Assert.Contains("outbound TCP 1024-65535 (replies) denied", nacl.Text());
    }

    [Fact]
    public async Task another_subnet_of_the_group_with_a_blocking_acl_only_warns()
    {
        var (_, _, vpc) = fake.PublicClusterInVpc();
        var acl = vpc.AclWithoutEphemeralOutbound();
        acl.SubnetIds[0] = "subnet-0b";
        vpc.NetworkAcls.Single(a => a.IsDefault).SubnetIds.Add("subnet-0a");
        vpc.NetworkAcls.Single(a => a.IsDefault).SubnetIds.Remove("subnet-0b");

        var nacl = (await fake.CheckAsync(AwsScenario.Provisioned()))[NetworkAclRule.Id];

        Assert.Equal(CheckStatus.Warn, nacl.Status);
    }

    private async Task AssertFailsAloneThenFixedAsync(string expectedCommand, string expectedText)
    {
        var before = await fake.CheckAsync(AwsScenario.Provisioned());
        Assert.Equal(CheckStatus.Fail, before[NetworkAclRule.Id].Status);
        Assert.Contains(expectedText, before[NetworkAclRule.Id].Text());
        Assert.Equal(expectedCommand, before[NetworkAclRule.Id].Sh());
        Assert.All(before.Findings.Where(f => f.Status == CheckStatus.Fail), f => Assert.Equal(NetworkAclRule.Id, f.CheckId));

        await FixAwsScriptFile.RunToSuccessAsync(before, folder, fake);

        var after = await fake.CheckAsync(AwsScenario.Provisioned());
        Assert.True(after[NetworkAclRule.Id].Status == CheckStatus.Pass, after.Describe());
    }
}

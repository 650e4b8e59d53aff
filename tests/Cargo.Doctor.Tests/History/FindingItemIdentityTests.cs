using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Rules.Db;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.History;

/// <summary>Issue 22.1-2: the item key's written form, what counts as the same item, and the target identity.</summary>
[Trait("Category", "Unit")]
public sealed class FindingItemIdentityTests
{
    [Fact]
    public void a_key_escapes_its_separators_and_control_characters_and_the_identity_is_check_plus_key()
    {
        var key = ItemKey.Of(("schema", "a;b=c%d\u001b[31m"), ("lacks", "USAGE"));

        Assert.Equal("schema=a%3Bb%3Dc%25d%1B[31m;lacks=USAGE", key.Text);
        Assert.Equal("db.schema-usage:schema=a%3Bb%3Dc%25d%1B[31m;lacks=USAGE", FindingItemIdentity.Of(SchemaUsageRule.Id, key));
        Assert.Equal("schema=A%3BB%3DC%25D%1B[31M;lacks=USAGE", key.MapValues(v => v.ToUpperInvariant()).Text);
    }

    [Theory]
    [InlineData("table=t;lacks=DELETE", "table=t;lacks=INSERT,DELETE", true)]
    [InlineData("table=t;lacks=INSERT,DELETE", "table=t;lacks=INSERT,DELETE", true)]
    [InlineData("table=t;lacks=UPDATE", "table=t;lacks=INSERT,DELETE", false)]
    [InlineData("table=u;lacks=DELETE", "table=t;lacks=INSERT,DELETE", false)]
    [InlineData("table=t,u;state=x", "table=t;state=x", false)]
    public void an_item_is_within_another_only_when_it_names_the_same_object_and_a_subset_of_its_privileges(string now, string was, bool within)
    {
        Assert.Equal(within, ItemKey.Parse(now).IsWithin(ItemKey.Parse(was)));
    }

    [Fact]
    public void rules_key_their_problem_lines_by_object_not_by_text_and_redaction_tokenises_the_keys_too()
    {
        var facts = ItemBaselineTests.WithoutUsage("sales");
        var finding = new SchemaUsageRule().Evaluate(new Doctor.Rules.RuleContext(facts, Fixtures.WarehouseScenario.Catalog[SchemaUsageRule.Id]));

        var redacted = RedactedOutput.Of(facts).Redact(finding);

        Assert.Equal(["database=dev;schema=sales;lacks=USAGE"], FindingItemIdentity.Keys(finding).Select(k => k.Text));
        Assert.DoesNotContain("sales", Assert.Single(FindingItemIdentity.Keys(redacted)).Text);
    }

    [Fact]
    public void the_target_is_the_cluster_when_known_else_host_and_port_and_never_the_schema_list()
    {
        var facts = FactsFiles.AllGood();
        var plain = TargetIdentity.Of(facts);
        var cluster = TargetIdentity.Of(facts with { Target = facts.Target with { ClusterIdentifier = "analytics", Region = "us-east-1" } });

        Assert.True(plain.SameAs(TargetIdentity.Of(facts with { Target = facts.Target with { Schemas = ["dev.other"], Databases = ["other"] } })));
        Assert.False(plain.SameAs(TargetIdentity.Of(facts with { Target = facts.Target with { Port = 5440 } })));
        Assert.True(plain.SameAs(TargetIdentity.Of(facts with { Target = facts.Target with { Host = "127.0.0.1".ToUpperInvariant() } })));
        Assert.True(cluster.SameAs(cluster with { Host = "vpce-endpoint.example.com" }));
        Assert.False(cluster.SameAs(cluster with { Name = "reporting" }));
        Assert.False(cluster.SameAs(cluster with { Region = "eu-west-1" }));
        Assert.False((cluster with { Account = "111111111111" }).SameAs(cluster with { Account = "222222222222" }));
        Assert.Equal("cluster analytics, region us-east-1, host 127.0.0.1:5439", cluster.Describe());
    }

    [Fact]
    public void a_baseline_on_more_privileges_of_the_same_table_has_no_new_item_but_another_privilege_is_new()
    {
        var key = ItemKey.Of(("database", "dev"), ("schema", "sales"), ("table", "orders"), ("lacks", "INSERT,DELETE"));
        var baseline = new BaselineRun(new Dictionary<string, BaselineCheck> { [TableGrantsRule.Id] = new(CheckStatus.Fail, [key]) }, false);
        Finding Now(string lacks) => new()
        {
            CheckId = TableGrantsRule.Id,
            Status = CheckStatus.Fail,
            Summary = "s",
            Details = [$"dev.sales.orders (table): missing {lacks}"],
            DetailKeys = [ItemKey.Of(("database", "dev"), ("schema", "sales"), ("table", "orders"), ("lacks", lacks))],
        };

        Assert.Empty(baseline.NewItems(Now("DELETE")));
        Assert.Single(baseline.NewItems(Now("UPDATE")));
    }
}

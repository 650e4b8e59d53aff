using System.Text.RegularExpressions;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Tests.Reports;

namespace Cargo.Doctor.Tests.Redaction;

[Trait("Category", "Unit")]
public sealed class FactsRedactorTests
{
    private const string Host = "examplecluster.c1abcdef2ghi.us-east-1.redshift.amazonaws.com";

    public static readonly string[] Originals =
    [
        Host, "examplecluster", "c1abcdef2ghi", "10.1.2.3", "52.1.2.3", "123456789012", "210987654321", "RedshiftCargoRole",
        "sales", "orders", "etl_admin", "cargo_user", "cargo_create_replace_function", "analytics_db", "nested_role", "archive",
    ];

    public static FactsSnapshot RichFacts() => SampleReports.Facts() with
    {
        Target = SampleReports.Facts().Target with
        {
            Host = Host,
            Databases = ["analytics_db"],
            Schemas = ["analytics_db.sales", "analytics_db.archive:read"],
        },
        Warehouse = new WarehouseFacts
        {
            CargoUser = "cargo_user",
            LoginUser = "etl_admin",
            Databases =
            [
                new DatabaseFacts
                {
                    Name = "analytics_db",
                    Connection = new ConnectionFacts { Succeeded = false, FailureKind = "timeout", FailureMessage = $"timeout connecting to {Host}:5439 (10.1.2.3) as cargo_user" },
                    Schemas = [new SchemaFacts { Name = "sales", Exists = true, Owner = "etl_admin", SimilarNames = ["Sales"] }],
                    Tables = [new TablePrivilegeFacts("sales", "orders", "table", "etl_admin", true, false, false, false)],
                    FutureGrants = [new FutureGrantFacts("sales", "etl_admin", "SELECT", "cargo_user", "user", "default")],
                },
            ],
            User = new UserFacts { Exists = true },
            Rbac = new RbacFacts
            {
                FunctionRole = "cargo_create_replace_function",
                RoleExists = true,
                RolePrivileges = [new RolePrivilege("cargo_create_replace_function", "CREATE OR REPLACE FUNCTION")],
                UserRoles = [new RoleMembership("cargo_create_replace_function", ["cargo_user", "nested_role", "cargo_create_replace_function"])],
            },
        },
        Notes =
        [
            "role arn:aws:iam::123456789012:role/RedshiftCargoRole is attached; Cargo's is arn:aws:iam::210987654321:role/x",
            "Cargo connects from 52.1.2.3/32; 0.0.0.0/0 is open; principal redshift.amazonaws.com",
        ],
    };

    [Fact]
    public void no_original_name_host_ip_or_account_is_left()
    {
        var json = FactsJson.Serialize(FactsRedactor.Redact(RichFacts()));

        foreach (var original in Originals)
        {
            Assert.DoesNotMatch(new Regex($"(?<![A-Za-z0-9_]){Regex.Escape(original)}(?![A-Za-z0-9_])"), json);
        }
    }

    [Fact]
    public void the_same_name_becomes_the_same_token_everywhere()
    {
        var facts = FactsRedactor.Redact(RichFacts(), out var tokens);

        var w = facts.Warehouse!;
        var db = w.Databases[0];
        Assert.True(facts.Redacted);
        Assert.Equal("host_1", facts.Target.Host);
        Assert.Equal(tokens.Map["cargo_user"], facts.Target.User);
        Assert.Equal(facts.Target.User, w.CargoUser);
        Assert.Equal(facts.Target.User, db.FutureGrants[0].Grantee);
        Assert.Equal(db.Schemas[0].Name, db.Tables[0].Schema);
        Assert.Equal(db.Schemas[0].Owner, w.LoginUser);
        Assert.StartsWith("schema_", db.Schemas[0].Name);
        Assert.StartsWith("table_", db.Tables[0].Name);
        Assert.StartsWith("database_", db.Name);
        Assert.Equal([$"{db.Name}.{db.Schemas[0].Name}", $"{db.Name}.{tokens.Map["archive"]}:read"], facts.Target.Schemas);
        Assert.Equal(w.Rbac!.FunctionRole, facts.Target.FunctionRole);
        Assert.Equal(w.Rbac.FunctionRole, w.Rbac.UserRoles[0].Path[^1]);
        Assert.Equal($"timeout connecting to host_1:5439 ({tokens.Map["10.1.2.3"]}) as {w.CargoUser}", db.Connection.FailureMessage);
        Assert.Equal("ip_1", tokens.Map["10.1.2.3"]);
        Assert.Equal("account_1", tokens.Map["123456789012"]);
        Assert.Contains($"arn:aws:iam::account_1:role/{tokens.Map["RedshiftCargoRole"]} is attached", facts.Notes[0]);
    }

    [Fact]
    public void values_that_are_not_names_survive()
    {
        var facts = FactsRedactor.Redact(RichFacts());

        Assert.Equal("us-east-1", facts.Target.Region);
        Assert.Equal(5439, facts.Target.Port);
        Assert.Equal("timeout", facts.Warehouse!.Databases[0].Connection.FailureKind);
        Assert.Equal("SELECT", facts.Warehouse.Databases[0].FutureGrants[0].Privilege);
        Assert.Equal("user", facts.Warehouse.Databases[0].FutureGrants[0].GranteeType);
        Assert.Contains("0.0.0.0/0 is open; principal redshift.amazonaws.com", facts.Notes[1]);
        Assert.Equal(SampleReports.Facts().ToolVersion, facts.ToolVersion);
        Assert.Equal(SampleReports.Facts().StartedAt, facts.StartedAt);
    }

    [Fact]
    public void redaction_is_deterministic_and_survives_the_facts_file()
    {
        var once = FactsJson.Serialize(FactsRedactor.Redact(RichFacts()));
        var twice = FactsJson.Serialize(FactsRedactor.Redact(RichFacts()));

        Assert.Equal(once, twice);
        Assert.True(FactsJson.Deserialize(once).Redacted);
        Assert.Contains("\"redacted\": true", once);
    }

    [Fact]
    public void tokens_replace_whole_words_only()
    {
        var tokens = new RedactionTokens();
        tokens.Add("schema", "sales");
        tokens.Add("schema", "sales_eu");

        Assert.Equal("schema_2 and \"schema_1\".t and wholesales", tokens.Replace("sales_eu and \"sales\".t and wholesales"));
    }

    /// <summary>
    /// PUBLIC is Redshift's grantee for everyone, never a customer's user, role or group (those
    /// names can't be PUBLIC): a default privilege or ASSUMEROLE grant to PUBLIC keeps saying so, and
    /// the word "public" in remediation and notes is not turned into a user token.
    /// </summary>
    [Fact]
    public void the_public_grantee_is_not_a_name()
    {
        var rich = RichFacts();
        var database = rich.Warehouse!.Databases[0] with
        {
            FutureGrants = [new FutureGrantFacts("sales", "etl_admin", "SELECT", "public", "public", "default")],
        };
        var facts = rich with
        {
            Warehouse = rich.Warehouse with { Databases = [database] },
            Notes = ["SELECT is granted to public on future tables; the public schema is not checked"],
        };

        var redacted = FactsRedactor.Redact(facts, out var tokens);

        Assert.DoesNotContain("public", tokens.Map.Keys);
        Assert.Equal("public", redacted.Warehouse!.Databases[0].FutureGrants![0].Grantee);
        Assert.Equal("SELECT is granted to public on future tables; the public schema is not checked", redacted.Notes[^1]);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("role")]
    [InlineData("group")]
    public void public_is_never_registered_as_a_user_role_or_group(string kind)
    {
        var tokens = new RedactionTokens();
        tokens.Add(kind, "public");
        tokens.Add(kind, "PUBLIC");

        Assert.Empty(tokens.Map);
    }
}

using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

[Trait("Category", "Unit")]
public class IdentityPolicyEvaluatorTests
{
    private const string CargoRole = "arn:aws:iam::111122223333:role/cargo";

    public enum Expect
    {
        Allowed,
        AllowedWithConditions,
        ImplicitDeny,
        ExplicitDeny,
        ParseError,
    }

    private sealed record Attached(string Name, PolicySource Source, string Json);

    private sealed record Case(Expect Expected, string ReasonContains, Attached[] Policies, string? BoundaryJson = null);

    private static Attached Managed(string json, string name = "cargo-cross-account") => new(name, PolicySource.Managed, json);

    private static Attached Inline(string json, string name) => new(name, PolicySource.Inline, json);

    private static string Doc(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static string Allow(string action = "\"sts:AssumeRole\"", string resource = $"\"{CargoRole}\"", string extra = "") =>
        $$"""{"Effect":"Allow","Action":{{action}},"Resource":{{resource}}{{extra}}}""";

    private const string Documented = $$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"CrossAccountPolicy","Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{CargoRole}}"}]}
        """;

    private const string NoSuchStatement = $"No statement allows sts:AssumeRole on {CargoRole}";

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["allow_exact_arn"] = new(Expect.Allowed, "Allowed by policy \"cargo-cross-account\" statement \"CrossAccountPolicy\"", [Managed(Documented)]),
        ["allow_wildcard_account_role"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(resource: "\"arn:aws:iam::111122223333:role/*\"")))]),
        ["allow_wildcard_any_account"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(resource: "\"arn:aws:iam::*:role/cargo\"")))]),
        ["allow_question_mark_in_arn"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(resource: "\"arn:aws:iam::111122223333:role/carg?\"")))]),
        ["allow_wildcard_partition"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(resource: "\"arn:*:iam::111122223333:role/cargo\"")))]),
        ["resource_star"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(resource: "\"*\"")))]),
        ["resource_array_second_matches"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(resource: $"[\"arn:aws:s3:::bucket\",\"{CargoRole}\"]")))]),
        ["resource_trailing_star_crosses_colons"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(resource: "\"arn:aws:iam::*\"")))]),
        ["resource_inner_star_stays_in_segment"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc(Allow(resource: "\"arn:aws:*3333:role/cargo\"")))]),
        ["resource_other_arn"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc(Allow(resource: "\"arn:aws:iam::111122223333:role/other\"")))]),
        ["resource_case_sensitive"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc(Allow(resource: "\"arn:aws:iam::111122223333:role/Cargo\"")))]),
        ["resource_other_account"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc(Allow(resource: "\"arn:aws:iam::444455556666:role/cargo\"")))]),
        ["resource_missing"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc("""{"Effect":"Allow","Action":"sts:AssumeRole"}"""))]),
        ["action_array_mixed_case"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(action: "[\"s3:GetObject\",\"STS:assumerole\"]")))]),
        ["sts_star"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(action: "\"sts:*\"")))]),
        ["action_star"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(action: "\"*\"")))]),
        ["sts_assume_prefix"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(action: "\"sts:Assume*\"")))]),
        ["action_question_mark"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc(Allow(action: "\"sts:AssumeRol?\"")))]),
        ["action_other_sts_action"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc(Allow(action: "\"sts:AssumeRoleWithSAML\"")))]),
        ["action_prefix_without_star"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc(Allow(action: "\"sts:Assume\"")))]),
        ["not_action_excludes_sts"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc("""{"Effect":"Allow","NotAction":"sts:*","Resource":"*"}"""))]),
        ["not_action_other_service"] = new(Expect.Allowed, "Allowed by policy \"cargo-cross-account\" statement 1", [Managed(Doc("""{"Effect":"Allow","NotAction":["iam:*","s3:*"],"Resource":"*"}"""))]),
        ["not_resource_excludes_cargo"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc($$"""{"Effect":"Allow","Action":"sts:AssumeRole","NotResource":"{{CargoRole}}"}"""))]),
        ["not_resource_other_role"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc("""{"Effect":"Allow","Action":"sts:AssumeRole","NotResource":"arn:aws:iam::111122223333:role/admin"}"""))]),
        ["deny_wins_over_allow"] = new(Expect.ExplicitDeny, "Denied explicitly by inline policy \"lockdown\" statement 2",
            [Managed(Documented), Inline(Doc("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""", """{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}"""), "lockdown")]),
        ["deny_star"] = new(Expect.ExplicitDeny, "Denied explicitly by inline policy \"deny-all\" statement 1",
            [Managed(Documented), Inline(Doc("""{"Effect":"Deny","Action":"*","Resource":"*"}"""), "deny-all")]),
        ["deny_same_policy_with_sid"] = new(Expect.ExplicitDeny, "statement \"NoChaining\"",
            [Managed(Doc(Allow(), """{"Sid":"NoChaining","Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111122223333:role/*"}"""))]),
        ["deny_not_action_other_service"] = new(Expect.ExplicitDeny, "Denied explicitly",
            [Managed(Documented), Inline(Doc("""{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}"""), "only-s3")]),
        ["deny_not_action_excludes_sts"] = new(Expect.Allowed, "Allowed by policy",
            [Managed(Documented), Inline(Doc("""{"Effect":"Deny","NotAction":"sts:*","Resource":"*"}"""), "only-sts")]),
        ["deny_other_resource"] = new(Expect.Allowed, "Allowed by policy",
            [Managed(Documented), Inline(Doc("""{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111122223333:role/admin"}"""), "no-admin")]),
        ["deny_not_resource_cargo"] = new(Expect.Allowed, "Allowed by policy",
            [Managed(Documented), Inline(Doc($$"""{"Effect":"Deny","Action":"sts:*","NotResource":"{{CargoRole}}"}"""), "only-cargo")]),
        ["deny_only_other_action"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed(Doc("""{"Effect":"Deny","Action":"s3:*","Resource":"*"}"""))]),
        ["boundary_blocks"] = new(Expect.ImplicitDeny, "The permissions boundary \"b\" does not allow sts:AssumeRole",
            [Managed(Documented)], Doc("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""")),
        ["boundary_allows"] = new(Expect.Allowed, "Allowed by policy \"cargo-cross-account\"",
            [Managed(Documented)], Doc("""{"Effect":"Allow","Action":"sts:*","Resource":"*"}""")),
        ["boundary_denies"] = new(Expect.ExplicitDeny, "Denied explicitly by permissions boundary \"b\" statement 2",
            [Managed(Documented)], Doc("""{"Effect":"Allow","Action":"*","Resource":"*"}""", """{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}""")),
        ["boundary_alone_does_not_grant"] = new(Expect.ImplicitDeny, NoSuchStatement,
            [Managed(Doc("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}"""))], Doc("""{"Effect":"Allow","Action":"*","Resource":"*"}""")),
        ["boundary_conditional"] = new(Expect.AllowedWithConditions, "permissions boundary \"b\" statement 1 hold (aws:RequestedRegion)",
            [Managed(Documented)], Doc(Allow(resource: "\"*\"", extra: ""","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}"""))),
        ["conditional_allow"] = new(Expect.AllowedWithConditions, "Allowed only if the conditions of policy \"cargo-cross-account\" statement 1 hold (aws:MultiFactorAuthPresent)",
            [Managed(Doc(Allow(extra: ""","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""")))]),
        ["conditional_allow_if_exists"] = new(Expect.AllowedWithConditions, "(aws:SourceIp)",
            [Managed(Doc(Allow(extra: ""","Condition":{"IpAddressIfExists":{"aws:SourceIp":["10.0.0.0/8"]}}""")))]),
        ["conditional_and_firm_allow"] = new(Expect.Allowed, "Allowed by policy \"cargo-cross-account\" statement 2",
            [Managed(Doc(Allow(extra: ""","Condition":{"Bool":{"aws:SecureTransport":false}}"""), Allow()))]),
        ["conditional_deny_warns"] = new(Expect.Allowed, "but inline policy \"office-only\" statement 1 may deny it (condition aws:SourceIp)",
            [Managed(Documented), Inline(Doc("""{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}"""), "office-only")]),
        ["statement_as_object"] = new(Expect.Allowed, "Allowed by policy \"cargo-cross-account\" statement 1",
            [Managed($$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{{CargoRole}}}"}}""")]),
        ["version_missing"] = new(Expect.Allowed, "Allowed by policy",
            [Managed($$"""{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{CargoRole}}"}]}""")]),
        ["sid_missing_uses_position"] = new(Expect.Allowed, "Allowed by policy \"cargo-cross-account\" statement 2",
            [Managed(Doc("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""", Allow()))]),
        ["second_policy_allows"] = new(Expect.Allowed, "Allowed by inline policy \"chain\" statement \"Chain\"",
            [Managed(Doc("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}"""), "s3"), Inline(Doc($$"""{"Sid":"Chain","Effect":"Allow","Action":"sts:AssumeRole","Resource":"{{CargoRole}}"}"""), "chain")]),
        ["effect_lowercase"] = new(Expect.Allowed, "Allowed by policy", [Managed(Doc($$"""{"Effect":"allow","Action":"sts:AssumeRole","Resource":"{{CargoRole}}"}"""))]),
        ["empty_statement"] = new(Expect.ImplicitDeny, NoSuchStatement, [Managed("""{"Version":"2012-10-17","Statement":[]}""")]),
        ["no_policies"] = new(Expect.ImplicitDeny, NoSuchStatement, []),
        ["malformed_json"] = new(Expect.ParseError, "not valid JSON at line 1", [Managed("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow",}]}""")]),
        ["statement_missing"] = new(Expect.ParseError, "no \"Statement\"", [Managed("""{"Version":"2012-10-17"}""")]),
        ["statement_is_string"] = new(Expect.ParseError, "must be an object or an array", [Managed("""{"Statement":"Allow everything"}""")]),
        ["root_is_array"] = new(Expect.ParseError, "must be a JSON object", [Managed("""[{"Effect":"Allow"}]""")]),
        ["effect_missing"] = new(Expect.ParseError, "Statement 1 must have an \"Effect\"", [Managed(Doc("""{"Action":"sts:AssumeRole","Resource":"*"}"""))]),
        ["effect_invalid"] = new(Expect.ParseError, "\"Permit\"", [Managed(Doc("""{"Effect":"Permit","Action":"sts:AssumeRole","Resource":"*"}"""))]),
        ["action_and_not_action"] = new(Expect.ParseError, "exactly one of \"Action\" or \"NotAction\"", [Managed(Doc("""{"Effect":"Allow","Action":"sts:*","NotAction":"s3:*","Resource":"*"}"""))]),
        ["action_is_number"] = new(Expect.ParseError, "\"Action\" must be a string or an array of strings", [Managed(Doc("""{"Effect":"Allow","Action":42,"Resource":"*"}"""))]),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void Table_has_at_least_forty_cases() => Assert.True(Cases.Count >= 40, $"only {Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluates_sts_assume_role_on_the_cargo_role(string name)
    {
        var @case = Cases[name];

        var (actual, text) = Run(@case);

        Assert.Equal(@case.Expected, actual);
        Assert.Contains(@case.ReasonContains, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deciding_statement_quotes_the_original_json()
    {
        var verdict = IdentityPolicyEvaluator.EvaluateAssumeRole(
            [NamedPolicy.Managed("cargo-cross-account", PolicyDocument.Parse(Documented))], null, CargoRole);

        var deciding = Assert.Single(verdict.DecidingStatements);
        Assert.Equal("CrossAccountPolicy", deciding.Sid);
        Assert.Contains("\"Resource\":\"arn:aws:iam::111122223333:role/cargo\"", deciding.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditional_deny_is_reported_as_possible_deny()
    {
        var deny = Doc("""{"Effect":"Deny","Action":"sts:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}""");

        var verdict = IdentityPolicyEvaluator.EvaluateAssumeRole(
            [NamedPolicy.Managed("cargo", PolicyDocument.Parse(Documented)), NamedPolicy.Inline("region", PolicyDocument.Parse(deny))],
            null, CargoRole);

        Assert.True(verdict.MayBeDenied);
        Assert.Equal(["aws:RequestedRegion"], verdict.ConditionKeys);
    }

    private static (Expect Actual, string Text) Run(Case @case)
    {
        try
        {
            var policies = @case.Policies
                .Select(p => new NamedPolicy(p.Name, p.Source, PolicyDocument.Parse(p.Json)))
                .ToList();
            var boundary = @case.BoundaryJson is null ? null : NamedPolicy.Boundary("b", PolicyDocument.Parse(@case.BoundaryJson));
            var verdict = IdentityPolicyEvaluator.EvaluateAssumeRole(policies, boundary, CargoRole);
            return (Enum.Parse<Expect>(verdict.Decision.ToString()), verdict.Reason);
        }
        catch (PolicyParseException ex)
        {
            return (Expect.ParseError, ex.Message);
        }
    }
}

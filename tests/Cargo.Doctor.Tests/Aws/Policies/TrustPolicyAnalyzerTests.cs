using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

[Trait("Category", "Unit")]
public class TrustPolicyAnalyzerTests
{
    private const string CargoDbUser = "arn:aws:redshift:us-east-1:111122223333:dbuser:my-cluster/cargo_user";
    private const string ServerlessDbUser = "arn:aws:redshift:us-east-1:111122223333:dbuser:serverless-111122223333-wg1/cargo_user";

    public enum Expect
    {
        Pass,
        Warn,
        Fail,
        ParseError,
    }

    private sealed record Case(Expect Expected, string TextContains, string Json, bool Serverless = false, string? DbUser = CargoDbUser);

    private static string Doc(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static string Trust(string principal = """{"Service":"redshift.amazonaws.com"}""", string action = "\"sts:AssumeRole\"", string condition = "") =>
        $$"""{"Effect":"Allow","Principal":{{principal}},"Action":{{action}}{{(condition.Length == 0 ? "" : $",\"Condition\":{condition}")}}}""";

    private static string WithCondition(string condition) => Doc(Trust(condition: condition));

    private const string Both = """{"Service":["redshift.amazonaws.com","redshift-serverless.amazonaws.com"]}""";

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["trust_documented_customizable"] = new(Expect.Pass, "Trusted by statement 1", Doc(Trust())),
        ["trust_statement_as_object"] = new(Expect.Pass, "Trusted by statement \"Redshift\"",
            """{"Version":"2012-10-17","Statement":{"Sid":"Redshift","Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}}"""),
        ["trust_regional_principal"] = new(Expect.Pass, "Trusted by statement 1", Doc(Trust(principal: """{"Service":"redshift.us-east-1.amazonaws.com"}"""))),
        ["trust_regional_wrong_region"] = new(Expect.Fail, "it names redshift.eu-west-1.amazonaws.com, but the cluster is in us-east-1",
            Doc(Trust(principal: """{"Service":"redshift.eu-west-1.amazonaws.com"}"""))),
        ["trust_service_array"] = new(Expect.Pass, "Trusted by statement 1", Doc(Trust(principal: """{"Service":["ec2.amazonaws.com","redshift.amazonaws.com"]}"""))),
        ["trust_other_service_only"] = new(Expect.Fail, "does not allow redshift.amazonaws.com or redshift.us-east-1.amazonaws.com to call sts:AssumeRole",
            Doc(Trust(principal: """{"Service":"ec2.amazonaws.com"}"""))),
        ["trust_serverless_both"] = new(Expect.Pass, "Trusted by statement 1", Doc(Trust(principal: Both)), Serverless: true, DbUser: ServerlessDbUser),
        ["trust_serverless_two_statements"] = new(Expect.Pass, "Trusted by statement \"Serverless\"",
            Doc(Trust(), """{"Sid":"Serverless","Effect":"Allow","Principal":{"Service":"redshift-serverless.amazonaws.com"},"Action":"sts:AssumeRole"}"""), Serverless: true),
        ["trust_missing_serverless"] = new(Expect.Fail, "does not allow redshift-serverless.amazonaws.com to call sts:AssumeRole", Doc(Trust()), Serverless: true),
        ["trust_serverless_without_redshift"] = new(Expect.Fail, "does not allow redshift.amazonaws.com",
            Doc(Trust(principal: """{"Service":"redshift-serverless.amazonaws.com"}""")), Serverless: true),
        ["trust_sts_star"] = new(Expect.Pass, "Trusted by statement 1", Doc(Trust(action: "\"sts:*\""))),
        ["trust_action_star_array"] = new(Expect.Pass, "Trusted by statement 1", Doc(Trust(action: "[\"sts:TagSession\",\"*\"]"))),
        ["trust_action_other"] = new(Expect.Fail, "does not allow redshift.amazonaws.com", Doc(Trust(action: "\"sts:AssumeRoleWithWebIdentity\""))),
        ["trust_not_action_excludes_assume_role"] = new(Expect.Fail, "does not allow redshift.amazonaws.com",
            Doc("""{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"NotAction":"sts:AssumeRole"}""")),
        ["trust_not_action_other"] = new(Expect.Pass, "Trusted by statement 1",
            Doc("""{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"NotAction":"sts:TagSession"}""")),
        ["trust_principal_star"] = new(Expect.Warn, "lets any principal (\"*\") assume the role", Doc(Trust(principal: "\"*\""))),
        ["trust_aws_star"] = new(Expect.Warn, "lets any principal", Doc(Trust(principal: """{"AWS":"*"}"""))),
        ["trust_not_principal"] = new(Expect.Fail, "uses NotPrincipal",
            Doc("""{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}""")),
        ["trust_deny_redshift"] = new(Expect.Fail, "Trust statement 2 explicitly denies sts:AssumeRole to redshift.amazonaws.com",
            Doc(Trust(), """{"Effect":"Deny","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:*"}""")),
        ["trust_deny_not_principal"] = new(Expect.Fail, "explicitly denies sts:AssumeRole to redshift.amazonaws.com",
            Doc(Trust(), """{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}""")),
        ["trust_deny_other_service"] = new(Expect.Pass, "Trusted by statement 1",
            Doc(Trust(), """{"Effect":"Deny","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""")),
        ["trust_conditional_deny"] = new(Expect.Warn, "Trust statement 2 may deny sts:AssumeRole to redshift.amazonaws.com (condition aws:RequestedRegion)",
            Doc(Trust(), """{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}""")),
        ["trust_conditional_deny_not_met"] = new(Expect.Pass, "Trusted by statement 1",
            Doc(Trust(), """{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:SourceAccount":"111122223333"}}}""")),
        // A negated operator on a key Redshift never sends is true, so this Deny always applies (item 8.6).
        ["trust_deny_outside_org_blocks_redshift"] = new(Expect.Fail, "Trust statement 2 explicitly denies sts:AssumeRole to redshift.amazonaws.com",
            Doc(Trust(), """{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""")),
        ["trust_deny_outside_org_if_exists_still_blocks"] = new(Expect.Fail, "explicitly denies sts:AssumeRole to redshift.amazonaws.com",
            Doc(Trust(), """{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""")),
        ["trust_deny_outside_org_spares_services"] = new(Expect.Pass, "Trusted by statement 1",
            Doc(Trust(), """{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}""")),
        ["trust_deny_for_any_value_on_missing_key"] = new(Expect.Pass, "Trusted by statement 1",
            Doc(Trust(), """{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Condition":{"ForAnyValue:StringNotLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/*"}}}""")),
        ["trust_mfa_condition"] = new(Expect.Fail, "requires aws:MultiFactorAuthPresent (Bool), which Redshift never sends",
            WithCondition("""{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""")),
        ["trust_mfa_if_exists"] = new(Expect.Pass, "Trusted by statement 1", WithCondition("""{"BoolIfExists":{"aws:MultiFactorAuthPresent":true}}""")),
        ["trust_principal_arn_condition"] = new(Expect.Fail, "requires aws:PrincipalArn (ArnEquals), which Redshift never sends",
            WithCondition("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/admin"}}""")),
        ["trust_source_ip"] = new(Expect.Fail, "requires aws:SourceIp (IpAddress)", WithCondition("""{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}""")),
        ["trust_source_arn_warning"] = new(Expect.Warn, "has an aws:SourceArn condition",
            Doc(Trust(principal: Both, condition: """{"ArnLike":{"aws:SourceArn":"arn:aws:redshift-serverless:us-east-1:111122223333:workgroup/*"}}""")),
            Serverless: true, DbUser: ServerlessDbUser),
        ["trust_source_arn_warning_provisioned"] = new(Expect.Warn, "aws:SourceArn",
            WithCondition("""{"ArnEquals":{"aws:SourceArn":"arn:aws:redshift:us-east-1:111122223333:cluster:my-cluster"}}""")),
        ["trust_source_account_match"] = new(Expect.Pass, "Trusted by statement 1", WithCondition("""{"StringEquals":{"aws:SourceAccount":"111122223333"}}""")),
        ["trust_source_account_other"] = new(Expect.Fail, "requires aws:SourceAccount 999999999999, but the role's account is 111122223333",
            WithCondition("""{"StringEquals":{"aws:SourceAccount":"999999999999"}}""")),
        ["trust_source_account_unknown_account"] = new(Expect.Warn, "cannot be checked offline",
            WithCondition("""{"StringEquals":{"aws:SourceAccount":"111122223333"}}"""), DbUser: null),
        ["trust_external_id_cargo_user"] = new(Expect.Pass, "Trusted by statement 1",
            WithCondition($$$"""{"StringEquals":{"sts:ExternalId":["{{{CargoDbUser}}}"]}}""")),
        ["trust_external_id_like_wildcard"] = new(Expect.Pass, "Trusted by statement 1",
            WithCondition("""{"StringLike":{"sts:ExternalId":"arn:aws:redshift:us-east-1:111122223333:dbuser:my-cluster/*"}}""")),
        ["trust_external_id_for_any_value"] = new(Expect.Pass, "Trusted by statement 1",
            WithCondition($$$"""{"ForAnyValue:StringEquals":{"sts:ExternalId":["x","{{{CargoDbUser}}}"]}}""")),
        ["trust_external_id_other_user"] = new(Expect.Fail, "(another database user), but Redshift sends the Cargo user's dbuser ARN",
            WithCondition("""{"StringEquals":{"sts:ExternalId":"arn:aws:redshift:us-east-1:111122223333:dbuser:my-cluster/etl_user"}}""")),
        ["trust_external_id_not_a_dbuser"] = new(Expect.Fail, "requires sts:ExternalId 12345, but Redshift sends",
            WithCondition("""{"StringEquals":{"sts:ExternalId":"12345"}}""")),
        ["trust_external_id_dbuser_unknown"] = new(Expect.Warn, "it must be the Cargo user's dbuser ARN",
            WithCondition("""{"StringEquals":{"sts:ExternalId":"12345"}}"""), DbUser: null),
        ["trust_external_id_null_check"] = new(Expect.Pass, "Trusted by statement 1", WithCondition("""{"Null":{"sts:ExternalId":"false"}}""")),
        ["trust_external_id_serverless_warns"] = new(Expect.Warn, "the dbuser ARN Redshift Serverless sends is not confirmed",
            Doc(Trust(principal: Both, condition: $$$"""{"StringEquals":{"sts:ExternalId":"{{{ServerlessDbUser}}}"}}""")), Serverless: true, DbUser: ServerlessDbUser),
        ["trust_external_id_serverless_other_user"] = new(Expect.Fail, "(another database user)",
            Doc(Trust(principal: Both, condition: """{"StringEquals":{"sts:ExternalId":"arn:aws:redshift:us-east-1:111122223333:dbuser:serverless-111122223333-wg1/etl_user"}}""")),
            Serverless: true, DbUser: ServerlessDbUser),
        ["trust_principal_service_name_condition"] = new(Expect.Pass, "Trusted by statement 1",
            WithCondition("""{"StringEquals":{"aws:PrincipalServiceName":"redshift.amazonaws.com"}}""")),
        ["trust_unknown_condition_key"] = new(Expect.Warn, "condition StringEquals aws:RequestTag/team cannot be checked offline",
            WithCondition("""{"StringEquals":{"aws:RequestTag/team":"data"}}""")),
        ["trust_clean_statement_beats_broken_one"] = new(Expect.Pass, "Trusted by statement 2",
            Doc(Trust(condition: """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""), Trust())),
        ["trust_empty_statement"] = new(Expect.Fail, "does not allow redshift.amazonaws.com", """{"Version":"2012-10-17","Statement":[]}"""),
        ["trust_principal_plain_string"] = new(Expect.ParseError, "\"Principal\" must be \"*\" or an object",
            Doc("""{"Effect":"Allow","Principal":"redshift.amazonaws.com","Action":"sts:AssumeRole"}""")),
        ["trust_condition_not_object"] = new(Expect.ParseError, "\"Condition\" must be an object", WithCondition("\"yes\"")),
        ["trust_malformed_json"] = new(Expect.ParseError, "not valid JSON", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow" "Action":"sts:AssumeRole"}]}"""),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void Table_has_at_least_twenty_cases() => Assert.True(Cases.Count >= 20, $"only {Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Analyzes_whether_redshift_can_assume_the_role(string name)
    {
        var @case = Cases[name];

        var (actual, text) = Run(@case);

        Assert.Equal(@case.Expected, actual);
        Assert.Contains(@case.TextContains, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_serverless_principal_fails_only_that_principal()
    {
        var report = TrustPolicyAnalyzer.Analyze(PolicyDocument.Parse(Doc(Trust())), new TrustPolicyContext(true, "us-east-1"));

        Assert.Collection(report.Principals,
            redshift => Assert.Equal((RedshiftServicePrincipals.Redshift, TrustStatus.Pass), (redshift.ServicePrincipal, redshift.Status)),
            serverless => Assert.Equal((RedshiftServicePrincipals.RedshiftServerless, TrustStatus.Fail), (serverless.ServicePrincipal, serverless.Status)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suggested_trust_policy_passes_its_own_analysis(bool serverless)
    {
        var context = new TrustPolicyContext(serverless, "eu-west-3", CargoDbUser);
        var broken = TrustPolicyAnalyzer.Analyze(PolicyDocument.Parse(Doc(Trust(principal: """{"Service":"ec2.amazonaws.com"}"""))), context);

        var fixedReport = TrustPolicyAnalyzer.Analyze(PolicyDocument.Parse(broken.SuggestedTrustPolicyJson), context);

        Assert.Equal(TrustStatus.Fail, broken.Status);
        Assert.Equal(TrustStatus.Pass, fixedReport.Status);
        Assert.Equal(serverless ? 2 : 1, fixedReport.Principals.Count);
    }

    [Fact]
    public void Failing_issue_points_at_the_statement()
    {
        var report = Analyze(new Case(Expect.Fail, "", WithCondition("""{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""")));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(IssueSeverity.Failure, issue.Severity);
        Assert.Contains("aws:SourceIp", issue.Statement!.Json, StringComparison.Ordinal);
    }

    private static TrustPolicyReport Analyze(Case @case) =>
        TrustPolicyAnalyzer.Analyze(PolicyDocument.Parse(@case.Json), new TrustPolicyContext(@case.Serverless, "us-east-1", @case.DbUser));

    private static (Expect Actual, string Text) Run(Case @case)
    {
        try
        {
            var report = Analyze(@case);
            var text = string.Join(" | ", report.Principals.Select(p => p.Reason).Concat(report.Issues.Select(i => i.Text)));
            return (Enum.Parse<Expect>(report.Status.ToString()), text);
        }
        catch (PolicyParseException ex)
        {
            return (Expect.ParseError, ex.Message);
        }
    }
}

using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

[Trait("Category", "Unit")]
public class PolicyDocumentParseTests
{
    [Fact]
    public void Reads_every_element_of_a_trust_statement()
    {
        var document = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"S","Effect":"Allow",
              "Principal":{"Service":["redshift.amazonaws.com","redshift-serverless.amazonaws.com"],"AWS":"arn:aws:iam::111122223333:root"},
              "Action":["sts:AssumeRole","sts:TagSession"],
              "Condition":{"ForAnyValue:StringLikeIfExists":{"sts:ExternalId":["a","b"]},"Bool":{"aws:SecureTransport":true}}}]}
            """);

        var statement = Assert.Single(document.Statements);
        Assert.Equal("2012-10-17", document.Version);
        Assert.Equal("S", statement.Sid);
        Assert.Equal(["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"], statement.Principal!.Services);
        Assert.Equal(["arn:aws:iam::111122223333:root"], statement.Principal.Get("AWS"));
        Assert.Null(statement.Resource);
        Assert.Collection(statement.Conditions,
            c => Assert.Equal((ConditionSetQualifier.ForAnyValue, "StringLike", true, "sts:ExternalId", 2),
                (c.SetQualifier, c.BaseOperator, c.IfExists, c.Key, c.Values.Count)),
            c => Assert.Equal(("Bool", "true"), (c.BaseOperator, c.Values[0])));
    }

    [Fact]
    public void Keeps_the_statement_json_for_quoting()
    {
        var statement = Assert.Single(PolicyDocument.Parse("""{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}""").Statements);

        Assert.Equal("""{"Effect":"Deny","Action":"*","Resource":"*"}""", statement.Json);
        Assert.Equal("1", statement.Label);
    }

    [Fact]
    public void Invalid_json_reports_line_and_column_on_one_line()
    {
        var error = Assert.Throws<PolicyParseException>(() => PolicyDocument.Parse("{\n  \"Statement\": [\n    {\"Effect\": Allow}\n  ]\n}"));

        Assert.StartsWith("Policy is not valid JSON at line 3, column", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("", "Policy is empty.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}]}""", "Statement 1 cannot have both \"Resource\" and \"NotResource\".")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"*"}]}""", "Statement 1 cannot have both \"Principal\" and \"NotPrincipal\".")]
    [InlineData("""{"Statement":[1]}""", "Statement 1 must be an object, found a number.")]
    [InlineData("""{"Version":2012,"Statement":[]}""", "Policy \"Version\" must be a string.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"*","Condition":{"StringEquals":"x"}}]}""", "Statement 1 condition operator \"StringEquals\" must map to an object of keys.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"*","Condition":{"StringEquals":{"k":{"a":1}}}}]}""", "Statement 1 condition \"StringEquals\".\"k\" must be a value or an array of values.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"*","Principal":{"Service":7}}]}""", "Statement 1 \"Principal\".\"Service\" must be a string or an array of strings.")]
    public void Rejects_bad_grammar_with_a_one_line_message(string json, string expected) =>
        Assert.Equal(expected, Assert.Throws<PolicyParseException>(() => PolicyDocument.Parse(json)).Message);
}

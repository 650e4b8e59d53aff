using Cargo.Doctor.Facts;
using Cargo.Doctor.ProbeErrors;
using T = Cargo.Doctor.Tests.Sources.Probes.RedshiftErrorTexts;

namespace Cargo.Doctor.Tests.Sources.Probes;

/// <summary>Each documented Redshift error text maps to its own cause and catalog fix.</summary>
[Trait("Category", "Unit")]
public sealed class ProbeErrorClassifierTests
{
    public static TheoryData<string, ProbeErrorCause, string> DocumentedTexts => new()
    {
        { T.RoleNotAuthorized, ProbeErrorCause.RoleNotAuthorized, "role-not-authorized" },
        { T.SecondHopNotAuthorized, ProbeErrorCause.RoleNotAuthorized, "role-not-authorized" },
        { T.JdbcRoleNotAuthorized, ProbeErrorCause.RoleNotAuthorized, "role-not-authorized" },
        { T.ServerlessCredentials, ProbeErrorCause.ServerlessCredentials, "serverless-trust" },
        { T.AssumeRolePermission, ProbeErrorCause.AssumeRolePermission, "grant-assumerole" },
        { T.S3AccessDenied, ProbeErrorCause.S3AccessDenied, "cargo-s3-access" },
        { T.WrongRegion, ProbeErrorCause.WrongRegion, "bucket-region" },
        { T.BucketMissing, ProbeErrorCause.BucketMissing, "bucket-missing" },
        { T.DestinationNotEmpty, ProbeErrorCause.DestinationNotEmpty, "destination-not-empty" },
        { T.DatabasePermission, ProbeErrorCause.DatabaseCreatePermission, "grant-database" },
        { T.SchemaPermission, ProbeErrorCause.SchemaPermission, "schema-permission" },
        { T.RelationPermission, ProbeErrorCause.RelationPermission, "relation-permission" },
        { T.TablePermission, ProbeErrorCause.RelationPermission, "relation-permission" },
        { T.FunctionPermission, ProbeErrorCause.FunctionPermission, "function-permission" },
        { T.CreateFunction, ProbeErrorCause.CreateFunctionPermission, "grant-function-role" },
    };

    [Theory]
    [MemberData(nameof(DocumentedTexts))]
    public void documented_text_is_classified(string message, ProbeErrorCause cause, string remediationKey)
    {
        Assert.Equal(cause, ProbeErrorClassifier.Classify(message));
        Assert.Equal(remediationKey, ProbeErrorClassifier.Describe(cause)!.RemediationKey);
    }

    [Fact]
    public void every_cause_but_the_unknown_ones_has_a_row()
    {
        var causes = ProbeErrorClassifier.Table.Select(p => p.Cause).Distinct().ToList();
        Assert.Equal(
            Enum.GetValues<ProbeErrorCause>().Except([ProbeErrorCause.Unclassified, ProbeErrorCause.RoundTripMismatch, ProbeErrorCause.ConnectionLost, ProbeErrorCause.TimedOut]).Order(),
            causes.Order());
    }

    [Fact]
    public void unknown_text_is_unclassified()
    {
        Assert.Equal(ProbeErrorCause.Unclassified, ProbeErrorClassifier.Classify("column \"x\" does not exist"));
        Assert.Null(ProbeErrorClassifier.Describe(ProbeErrorCause.Unclassified));
    }

    /// <summary>"By default, USAGE ON LANGUAGE SQL is granted to PUBLIC" (https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html): its refusal is a function-creation cause.</summary>
    [Fact]
    public void language_refusal_is_the_function_creation_cause_and_names_the_language_path()
    {
        var row = ProbeErrorClassifier.Match("permission denied for language sql", "42501");
        Assert.NotNull(row);
        Assert.Equal(ProbeErrorCause.CreateFunctionPermission, row.Cause);
        Assert.Contains("db.function-role", row.Checks);
        Assert.Contains("USAGE", ProbeErrorClassifier.Describe(ProbeErrorCause.CreateFunctionPermission)!.Explanation, StringComparison.Ordinal);
        Assert.Contains("LANGUAGE", ProbeErrorClassifier.Describe(ProbeErrorCause.CreateFunctionPermission)!.Explanation, StringComparison.Ordinal);
    }

    /// <summary>The 42501 texts are PostgreSQL's, on no Redshift page: matched only with their SQLSTATE when one is known, and marked unconfirmed.</summary>
    [Theory]
    [InlineData(T.SchemaPermission)]
    [InlineData(T.DatabasePermission)]
    [InlineData(T.CreateFunction)]
    [InlineData("permission denied for language sql")]
    public void privilege_texts_are_unconfirmed_and_need_their_sqlstate(string message)
    {
        var row = ProbeErrorClassifier.Match(message);
        Assert.NotNull(row);
        Assert.False(row.Confirmed);
        Assert.Equal("42501", row.SqlState);
        Assert.NotNull(ProbeErrorClassifier.Match(message, "42501"));
        Assert.Null(ProbeErrorClassifier.Match(message, "XX000"));
    }

    /// <summary>Quoted on https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-examples.html with [SQL State=42501]: confirmed.</summary>
    [Fact]
    public void relation_refusal_is_confirmed_with_its_sqlstate()
    {
        var row = ProbeErrorClassifier.Match("ERROR: permission denied for relation test", "42501");
        Assert.NotNull(row);
        Assert.True(row.Confirmed);
        Assert.Null(ProbeErrorClassifier.Match("ERROR: permission denied for relation test", "XX000"));
    }

    /// <summary>Load error descriptions quoted from https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html: data errors, not setup.</summary>
    [Theory]
    [InlineData("Delimiter not found")]
    [InlineData("Invalid digit, Value 'a', Pos 0, Type: Integer")]
    [InlineData("Date format is not valid. See DATEFORMAT and TIMEFORMAT strings for valid formats.")]
    [InlineData("Load into table 'orders' failed. Check 'stl_load_errors' system table for details.")]
    public void data_errors_are_not_setup_problems(string message)
    {
        var row = ProbeErrorClassifier.Match(message);
        Assert.NotNull(row);
        Assert.Equal(ProbeErrorCause.DataError, row.Cause);
        Assert.True(row.NotSetup);
    }

    [Fact]
    public void every_row_cites_a_page_and_fixes_with_a_catalog_template()
    {
        var catalog = Cargo.Doctor.Catalog.CatalogLoader.LoadDefault();
        foreach (var row in ProbeErrorClassifier.Table)
        {
            Assert.True(row.Page.StartsWith("https://docs.aws.amazon.com/", StringComparison.Ordinal) || row.Page.StartsWith("https://www.postgresql.org/docs/", StringComparison.Ordinal), row.Page);
            Assert.All(row.Checks, id => Assert.NotNull(catalog[id]));
            Assert.Equal(row.NotSetup, row.Fix is null);
            if (row.Fix is { } fix)
            {
                Assert.True(catalog[fix.CheckId].Remediation.ContainsKey(fix.Key), $"{fix.CheckId} has no template {fix.Key}");
            }
        }
    }

    [Theory]
    [InlineData(T.RoleNotAuthorized, T.CustomerRole)]
    [InlineData(T.SecondHopNotAuthorized, T.CargoRole)]
    [InlineData(T.ServerlessCredentials, T.CustomerRole)]
    [InlineData(T.AssumeRolePermission, T.CustomerRole)]
    [InlineData(T.S3AccessDenied, null)]
    public void named_role_tells_which_hop_failed(string message, string? role) =>
        Assert.Equal(role, ProbeErrorClassifier.NamedRole(message));
}

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
    public void every_cause_but_the_unknown_ones_has_one_row()
    {
        var causes = ProbeErrorClassifier.Table.Select(p => p.Cause).ToList();
        Assert.Equal(causes.Distinct().Count(), causes.Count);
        Assert.Equal(
            Enum.GetValues<ProbeErrorCause>().Except([ProbeErrorCause.Unclassified, ProbeErrorCause.RoundTripMismatch, ProbeErrorCause.ConnectionLost, ProbeErrorCause.TimedOut]).Order(),
            causes.Order());
    }

    [Fact]
    public void unknown_text_is_unclassified()
    {
        Assert.Equal(ProbeErrorCause.Unclassified, ProbeErrorClassifier.Classify("Load into table 'x' failed. Check 'stl_load_errors' system table for details."));
        Assert.Null(ProbeErrorClassifier.Describe(ProbeErrorCause.Unclassified));
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

using Cargo.Doctor.AwsApi.Clients;
using Cargo.Doctor.AwsApi.Model;

namespace Cargo.Doctor.Tests.Aws;

[Trait("Category", "Unit")]
public sealed class ServerlessIamRoleParserTests
{
    [Theory]
    [InlineData("IamRole(applyStatus=in-sync, iamRoleArn=arn:aws:iam::123456789012:role/x)", "arn:aws:iam::123456789012:role/x", "in-sync")]
    [InlineData("IamRole(iamRoleArn=arn:aws:iam::123456789012:role/x, applyStatus=removing)", "arn:aws:iam::123456789012:role/x", "removing")]
    [InlineData("  IamRole( iamRoleArn = arn:aws:iam::123456789012:role/path/x )  ", "arn:aws:iam::123456789012:role/path/x", null)]
    [InlineData("arn:aws:iam::123456789012:role/x", "arn:aws:iam::123456789012:role/x", null)]
    public void Parses_known_formats(string entry, string arn, string? status) =>
        Assert.Equal(new RedshiftIamRole(arn, status), ServerlessIamRoleParser.Parse(entry));

    [Theory]
    [InlineData("")]
    [InlineData("IamRole(applyStatus=in-sync)")]
    [InlineData("garbage")]
    public void Ignores_entries_without_an_arn(string entry) => Assert.Null(ServerlessIamRoleParser.Parse(entry));
}

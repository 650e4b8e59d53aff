using Cargo.Doctor.IamPolicies;

namespace Cargo.Doctor.Tests.Aws.Policies;

[Trait("Category", "Unit")]
public class IamWildcardTests
{
    [Theory]
    [InlineData("sts:AssumeRole", "sts:AssumeRole", true)]
    [InlineData("STS:ASSUMEROLE", "sts:AssumeRole", true)]
    [InlineData("sts:*", "sts:AssumeRole", true)]
    [InlineData("*", "sts:AssumeRole", true)]
    [InlineData("sts:Assume*", "sts:AssumeRole", true)]
    [InlineData("sts:?ssumeRole", "sts:AssumeRole", true)]
    [InlineData("sts:AssumeRole", "sts:AssumeRoleWithSAML", false)]
    [InlineData("s3:*", "sts:AssumeRole", false)]
    [InlineData("", "sts:AssumeRole", false)]
    public void Matches_actions_case_insensitively(string pattern, string action, bool expected) =>
        Assert.Equal(expected, IamWildcard.MatchesAction(pattern, action));

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/cargo", true)]
    [InlineData("arn:aws:iam::111122223333:role/*", true)]
    [InlineData("arn:aws:iam::111122223333:role/path/*", false)]
    [InlineData("arn:aws:iam::*:role/cargo", true)]
    [InlineData("arn:aws:iam::*", true)]
    [InlineData("arn:aws:*", true)]
    [InlineData("arn:aws:iam::1111????3333:role/cargo", true)]
    [InlineData("arn:aws:iam::111122223333:role/CARGO", false)]
    [InlineData("arn:aws:iam:*:role/cargo", true)] // a segment-final * may run past colons
    [InlineData("arn:aws:s3:::*", false)]
    [InlineData("arn:aws:iam::1*:role/cargo", true)]
    [InlineData("arn:aws:*3333:role/cargo", false)]
    public void Matches_arns_case_sensitively_per_segment(string pattern, bool expected) =>
        Assert.Equal(expected, IamWildcard.MatchesArn(pattern, "arn:aws:iam::111122223333:role/cargo"));
}

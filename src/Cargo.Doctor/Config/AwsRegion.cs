using System.Text.RegularExpressions;

namespace Cargo.Doctor.Config;

/// <summary>
/// An AWS region code such as <c>eu-west-1</c> or <c>us-gov-west-1</c>
/// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). The one
/// pattern for <c>--region</c> and <c>--bucket-region</c>, in flags and in the config file.
/// </summary>
public static partial class AwsRegion
{
    public const string Expected = "is not an AWS region (like eu-west-1)";

    public static bool IsValid(string text) => Pattern().IsMatch(text.Trim());

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex Pattern();
}

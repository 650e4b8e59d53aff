using System.Text.RegularExpressions;

namespace Cargo.Doctor.Config;

/// <summary>
/// An S3 general purpose bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting
/// and ending with a letter or digit
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). The COPY/UNLOAD
/// probe splices it into <c>s3://bucket/prefix/</c>, so anything else (a URL, a path) is refused up front.
/// </summary>
public static partial class BucketName
{
    public const string Expected = "is not an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens; no s3:// and no path: put the path in --prefix)";

    public static bool IsValid(string text) => Pattern().IsMatch(text.Trim());

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex Pattern();
}

using System.Text.RegularExpressions;
using Cargo.Doctor.AwsApi.Clients;

namespace Cargo.Doctor.Sources.Vendor;

/// <summary>
/// The AWS CLI's error line, kept in an evidence file with <c>2&gt;&amp;1</c>: botocore's ClientError prints
/// "An error occurred ({error_code}) when calling the {operation_name} operation{retry_info}: {error_message}"
/// (ClientError.MSG_TEMPLATE, https://github.com/boto/botocore/blob/develop/botocore/exceptions.py). It is AWS's answer,
/// so it becomes the same <see cref="AwsCallException"/> the live read throws (NoSuchBucketPolicy, NoSuchEntity, AccessDenied...).
/// </summary>
internal static partial class CliErrorLine
{
    /// <summary>The error in <paramref name="text"/>, or null when the text holds no CLI error line.</summary>
    public static (string Code, string Operation, string Message)? Find(string text)
    {
        var match = ErrorLine().Match(text);
        return match.Success ? (match.Groups["code"].Value, match.Groups["operation"].Value, match.Groups["message"].Value.Trim()) : null;
    }

    [GeneratedRegex(@"An error occurred \((?<code>[^)\r\n]+)\) when calling the (?<operation>\w+) operation[^:\r\n]*: (?<message>[^\r\n]*)")]
    private static partial Regex ErrorLine();
}

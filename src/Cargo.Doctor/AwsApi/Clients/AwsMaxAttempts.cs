using System.Globalization;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// How many attempts a call gets: the option, else AWS_MAX_ATTEMPTS as the SDKs read it
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html), else standard mode's 3.
/// </summary>
internal static class AwsMaxAttempts
{
    public static int Resolve(AwsClientOptions options, Func<string, string?> readEnvironment)
    {
        if (options.MaxAttempts is { } explicitAttempts)
        {
            return Math.Max(1, explicitAttempts);
        }

        var configured = readEnvironment("AWS_MAX_ATTEMPTS");
        if (string.IsNullOrWhiteSpace(configured))
        {
            return AwsRetryPolicy.DefaultMaxAttempts;
        }

        return int.TryParse(configured.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
            ? attempts
            : throw new ArgumentException($"AWS_MAX_ATTEMPTS must be a whole number of at least 1, not '{configured}'.");
    }
}

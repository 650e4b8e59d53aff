using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// Resolves credentials once through the SDK's default chain (env, profile, SSO, web identity,
/// container, instance metadata) or uses the explicit credentials from the options.
/// </summary>
internal sealed class AwsCredentialSource
{
    private readonly Lazy<Task<AWSCredentials>> resolved;
    private readonly string? profile;

    public AwsCredentialSource(AwsClientOptions options)
    {
        profile = options.Profile;
        resolved = options.Credentials is { } explicitCredentials
            ? new Lazy<Task<AWSCredentials>>(Task.FromResult(explicitCredentials))
            : new Lazy<Task<AWSCredentials>>(() => ResolveFromChainAsync(options.Profile));
    }

    public async Task<AWSCredentials> GetAsync(AwsService service, string operation)
    {
        try
        {
            return await resolved.Value.ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw NoCredentials(service, operation, e);
        }
    }

    public AwsCallException NoCredentials(AwsService service, string operation, Exception cause)
    {
        var where = profile is null
            ? "Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, pass --profile, or run where instance or container credentials are available."
            : $"Profile '{profile}' could not be used: {FirstLine(cause.Message)}";
        return new AwsCallException(
            service.SigningName,
            operation,
            service.IamAction(operation),
            httpStatus: null,
            AwsCallException.NoCredentialsCode,
            "No usable AWS credentials. " + where,
            cause);
    }

    private static async Task<AWSCredentials> ResolveFromChainAsync(string? profileName)
    {
        // The resolver reads the profile from a client config; any concrete ClientConfig will do.
        var config = new AmazonEC2Config();
        if (profileName is not null)
        {
            config.Profile = new Profile(profileName);
        }

        StsForCredentialChain.RegisterForNativeAot(profileName);
        using var resolver = new DefaultAWSCredentialsIdentityResolver();
        return await resolver.ResolveIdentityAsync(config, CancellationToken.None).ConfigureAwait(false);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}

using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// The credential chain needs an STS client for web-identity and assume-role profiles. Under the JIT
/// the SDK loads AWSSDK.SecurityToken by reflection; a Native AOT binary cannot, so the SDK asks its
/// <see cref="GlobalRuntimeDependencyRegistry"/> instead
/// (https://github.com/aws/aws-sdk-net/blob/main/sdk/src/Core/RuntimeDependencies/GlobalRuntimeDependencyRegistry.cs).
/// This builds the client the reflection path would have built: anonymous for web identity and SAML
/// (the token is the authentication), signed with the source profile's credentials for assume-role.
/// </summary>
internal sealed class StsForCredentialChain(string profileName, CredentialProfileStoreChain profiles)
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Registers once per process, and only where reflection loading is unavailable (Native AOT).</summary>
    public static void RegisterForNativeAot(string? profileName)
    {
        if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            return;
        }

        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            // The profile the SDK's chain reads: --profile, else AWS_PROFILE, else "default"
            // (https://docs.aws.amazon.com/sdk-for-net/v4/developer-guide/creds-assign.html).
            var name = profileName ?? Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default";
            var sts = new StsForCredentialChain(name, new CredentialProfileStoreChain());
            GlobalRuntimeDependencyRegistry.Instance.RegisterSecurityTokenServiceClient(context => sts.Create(context.SecurityTokenServiceClientContextData));
            registered = true;
        }
    }

    public AmazonSecurityTokenServiceClient Create(SecurityTokenServiceClientContext context)
    {
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = context.Region ?? RegionEndpoint.USEast1 };
        if (context.ProxySettings is not null)
        {
            config.SetWebProxy(context.ProxySettings);
        }

        // The SDK passes the same action for assume-role, web identity and SAML, so the profile decides.
        return new AmazonSecurityTokenServiceClient(AssumeRoleSourceCredentials() ?? new AnonymousAWSCredentials(), config);
    }

    /// <summary>
    /// The source profile's credentials when the profile assumes a role with them (role_arn +
    /// source_profile); null for web identity and SAML, which call STS unsigned.
    /// </summary>
    internal AWSCredentials? AssumeRoleSourceCredentials()
    {
        if (!profiles.TryGetProfile(profileName, out var profile)
            || string.IsNullOrEmpty(profile.Options.RoleArn)
            || !string.IsNullOrEmpty(profile.Options.WebIdentityTokenFile))
        {
            return null;
        }

        if (profile.Options.SourceProfile is { Length: > 0 } source && profiles.TryGetAWSCredentials(source, out var credentials))
        {
            return credentials;
        }

        // credential_source (instance metadata, container, environment) would need the SDK's own
        // resolution, which Native AOT cannot reach: say so in one line instead of guessing.
        throw new AmazonClientException(
            $"profile '{profileName}' assumes a role without a source_profile this binary can read; use the .NET tool package, or export the role's credentials (aws configure export-credentials --profile {profileName} --format env)");
    }
}

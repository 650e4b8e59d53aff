using Amazon;
using Amazon.Runtime;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>The settings every SDK-backed client (EC2, STS) shares with the hand-written ones.</summary>
internal static class SdkClientSettings
{
    public static T Configure<T>(T config, AwsClientOptions options, Uri? endpointOverride, SdkBodyCap bodyCap)
        where T : ClientConfig
    {
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        // AwsRetryPolicy retries (standard mode, shared quota), so tests control the back-off; the SDK's
        // own retries, including its uncounted "stale connection" retries of a reset, are off.
        config.MaxErrorRetry = 0;
        config.MaxStaleConnectionRetries = 0;
        config.Timeout = options.EffectiveRequestTimeout;
        config.HttpClientFactory = bodyCap;
        if (endpointOverride is not null)
        {
            config.ServiceURL = endpointOverride.ToString();
            config.AuthenticationRegion = options.Region;
        }

        return config;
    }
}

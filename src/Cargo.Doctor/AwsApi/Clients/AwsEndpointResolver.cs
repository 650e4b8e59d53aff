namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>
/// Endpoint precedence, as in the AWS SDKs: explicit override, then AWS_ENDPOINT_URL_&lt;SERVICE&gt;,
/// then AWS_ENDPOINT_URL, then the public AWS endpoint in the region's partition (<see cref="AwsService.Host"/>).
/// </summary>
internal sealed class AwsEndpointResolver(Func<string, string?> readEnvironment)
{
    public static AwsEndpointResolver FromProcessEnvironment() => new(Environment.GetEnvironmentVariable);

    public Uri Resolve(AwsService service, AwsClientOptions options) =>
        ResolveOverride(service, options) ?? DefaultEndpoint(service, options.Region);

    /// <summary>The configured override, or null when the default AWS endpoint applies.</summary>
    public Uri? ResolveOverride(AwsService service, AwsClientOptions options)
    {
        if (options.EndpointOverride is not null)
        {
            return options.EndpointOverride;
        }

        var configured = readEnvironment("AWS_ENDPOINT_URL_" + service.EndpointEnvironmentSuffix);
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = readEnvironment("AWS_ENDPOINT_URL");
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException(
                $"AWS endpoint setting for {service.SigningName} is not an absolute URL: '{configured}'.");
    }

    private static Uri DefaultEndpoint(AwsService service, string region) => new($"https://{service.Host(region)}/");
}

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>A POST to the service root, as both Query and JSON 1.1 protocols use.</summary>
internal sealed record AwsRequest(
    AwsService Service,
    string Operation,
    string ContentType,
    byte[] Body,
    IReadOnlyDictionary<string, string> Headers,
    Func<AwsHttpResponse, AwsErrorDetails> ReadError);

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>AWS JSON 1.1 protocol: POST with X-Amz-Target, JSON in and out.</summary>
internal sealed class AwsJsonTransport(SignedAwsHttpClient http, AwsService service, string targetPrefix)
{
    private const string JsonContentType = "application/x-amz-json-1.1";

    public async Task<JsonElement> CallAsync(string operation, JsonObject input, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string> { ["X-Amz-Target"] = $"{targetPrefix}.{operation}" };
        var request = new AwsRequest(
            service, operation, JsonContentType, Encoding.UTF8.GetBytes(input.ToJsonString()), headers, AwsErrorParser.FromJson);
        var body = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw MalformedResponse(operation, e);
        }
    }

    /// <summary>Runs a parser over a response; a missing or mistyped required field becomes MalformedResponse.</summary>
    public T Read<T>(string operation, JsonElement response, Func<JsonElement, T> parse)
    {
        try
        {
            return parse(response);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw MalformedResponse(operation, e);
        }
    }

    private AwsCallException MalformedResponse(string operation, Exception e) =>
        new(service.SigningName, operation, service.IamAction(operation), 200,
            AwsCallException.MalformedResponseCode, $"Unexpected response: {e.Message}", e);
}

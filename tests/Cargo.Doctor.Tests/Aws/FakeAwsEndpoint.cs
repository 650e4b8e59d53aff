using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Cargo.Doctor.AwsApi.Clients;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// A loopback stand-in for IAM, Redshift, Redshift Serverless and EC2. Query requests dispatch on
/// <c>Action=</c>, JSON 1.1 requests on <c>X-Amz-Target</c>. Every request must carry a SigV4
/// Authorization header, checked only by the independent <see cref="SigV4Verifier"/> (written from
/// the specification, not the SDK's signer) with the secret of the access key it names; unsigned or
/// wrongly signed requests get 403 and are listed in <see cref="SigningProblems"/>. Each access key
/// belongs to a caller in one account (<see cref="FakeCaller"/>); an unknown key is refused.
/// The fake plays one <see cref="Region"/>: a credential scope for another region is rejected as AWS does
/// ("Credential should be scoped to a valid region"); IAM must be signed for its partition's region.
/// </summary>
public sealed partial class FakeAwsEndpoint : IDisposable
{
    public const string AccessKey = "AKIAFAKEACCESSKEY001";
    public const string SecretKey = "fake/Secret+Key/ThatMustNeverLeak0123456";

    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeAwsResponse>> scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeAwsResponse> lastResponse = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedAwsRequest> requests = new();
    private readonly ConcurrentQueue<string> signingProblems = new();
    private readonly Task loop;

    public FakeAwsEndpoint(string region = "eu-west-1")
    {
        Region = region;
        Url = StartOnFreePort(listener);
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>The region whose endpoints this fake stands in for.</summary>
    public string Region { get; }

    /// <summary>
    /// Where IAM is signed for in the fake's partition, written out here independently of the code under
    /// test: https://docs.aws.amazon.com/general/latest/gr/iam-service.html (aws: us-east-1; GovCloud:
    /// iam.us-gov.amazonaws.com, us-gov-west-1) and https://docs.amazonaws.cn/en_us/general/latest/gr/rande.html
    /// (China: iam.cn-north-1.amazonaws.com.cn, cn-north-1).
    /// </summary>
    public string IamSigningRegion => Region switch
    {
        _ when Region.StartsWith("cn-", StringComparison.Ordinal) => "cn-north-1",
        _ when Region.StartsWith("us-gov-", StringComparison.Ordinal) => "us-gov-west-1",
        _ => "us-east-1",
    };

    public IReadOnlyList<RecordedAwsRequest> Requests => [.. requests];

    /// <summary>Answers a signed request before the scripted responses do (null: not handled), e.g. a <see cref="FakeAwsAccount"/>.</summary>
    public Func<RecordedAwsRequest, FakeAwsResponse?>? Handler { get; set; }

    public IReadOnlyList<string> SigningProblems => [.. signingProblems];

    public IEnumerable<RecordedAwsRequest> RequestsFor(string operation) => Requests.Where(r => r.Operation == operation);

    /// <summary>
    /// Scripts the answers to <paramref name="operation"/>: one per call in order; the last one repeats.
    /// Calling again replaces the script.
    /// </summary>
    public FakeAwsEndpoint Respond(string operation, params FakeAwsResponse[] responses)
    {
        scripted[operation] = new ConcurrentQueue<FakeAwsResponse>(responses);
        lastResponse.TryRemove(operation, out _);
        return this;
    }

    /// <summary>Client options pointing at this endpoint with fake static credentials and no real back-off.</summary>
    public AwsClientOptions ClientOptions(string? region = null) => new(
        region ?? Region,
        EndpointOverride: Url,
        Credentials: new BasicAWSCredentials(AccessKey, SecretKey),
        RetryDelay: (_, _) => Task.CompletedTask);

    public AwsClients CreateClients(string? region = null) => AwsClients.Create(ClientOptions(region));

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static Uri StartOnFreePort(HttpListener listener)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";
            listener.Prefixes.Clear();
            listener.Prefixes.Add(url);
            try
            {
                listener.Start();
                return new Uri(url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var bodyBytes = buffer.ToArray();
        var body = Encoding.UTF8.GetString(bodyBytes);

        var target = request.Headers["X-Amz-Target"];
        var form = target is null ? ParseForm(body) : new Dictionary<string, string>();
        var operation = target is not null ? target[(target.IndexOf('.') + 1)..]
            : form.GetValueOrDefault("Action", "") is { Length: > 0 } action ? action
            : RestOperation(request.HttpMethod, request.Url?.Query ?? "");
        var isJson = target is not null;

        var authorization = request.Headers["Authorization"] ?? "";
        var scope = CredentialScope(authorization);
        var caller = scope is null ? null : callers.GetValueOrDefault(scope.Value.AccessKey);
        var signatureValid = caller is not null
            && SigV4Verifier.Matches(request, bodyBytes, authorization, caller.SecretKey, (scope!.Value.Date, scope.Value.Region, scope.Value.Service));
        var recorded = new RecordedAwsRequest(
            operation, target, form, body, authorization, scope?.Service ?? "", scope?.Region ?? "", signatureValid, caller?.AccountId ?? "",
            request.HttpMethod, request.Url?.AbsolutePath ?? "/", (request.Url?.Query ?? "").TrimStart('?'));
        requests.Enqueue(recorded);

        var expectedRegions = ExpectedSigningRegions(scope?.Service);
        FakeAwsResponse response;
        if (scope is not null && caller is null)
        {
            signingProblems.Enqueue($"{operation}: access key {scope.Value.AccessKey} is not one of the fake's credentials.");
            response = UnknownAccessKey(isJson);
        }
        else if (!signatureValid)
        {
            signingProblems.Enqueue($"{operation}: Authorization '{authorization}' is missing or does not match the SigV4 specification.");
            response = isJson
                ? FakeAwsResponses.JsonError(403, "InvalidSignatureException", "Signature does not match.")
                : FakeAwsResponses.QueryError(403, "SignatureDoesNotMatch", "Signature does not match.");
        }
        else if (!expectedRegions.Contains(scope!.Value.Region))
        {
            signingProblems.Enqueue($"{operation}: signed for {scope.Value.Region}, but {scope.Value.Service} here expects {string.Join(" or ", expectedRegions)}.");
            var message = $"Credential should be scoped to a valid region, not '{scope.Value.Region}'.";
            response = isJson
                ? FakeAwsResponses.JsonError(403, "InvalidSignatureException", message)
                : FakeAwsResponses.QueryError(403, "SignatureDoesNotMatch", message);
        }
        else
        {
            response = Sts(recorded, caller!) ?? Handler?.Invoke(recorded) ?? NextResponse(operation, isJson);
        }

        var payload = Encoding.UTF8.GetBytes(response.Body);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength64 = payload.Length;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.DropAfterBytes is { } sent && sent < payload.Length)
        {
            // Headers promise the whole body; part of it goes out, then the socket is torn down.
            await context.Response.OutputStream.WriteAsync(payload.AsMemory(0, sent));
            await context.Response.OutputStream.FlushAsync();
            context.Response.Abort();
            return;
        }

        await context.Response.OutputStream.WriteAsync(payload);
        context.Response.Close();
    }

    private FakeAwsResponse NextResponse(string operation, bool isJson)
    {
        if (scripted.TryGetValue(operation, out var queue))
        {
            if (queue.TryDequeue(out var next))
            {
                lastResponse[operation] = next;
                return next;
            }

            if (lastResponse.TryGetValue(operation, out var repeated))
            {
                return repeated;
            }
        }

        return isJson
            ? FakeAwsResponses.JsonError(400, "UnknownOperationException", $"No scripted response for {operation}.")
            : FakeAwsResponses.QueryError(400, "InvalidAction", $"No scripted response for {operation}.");
    }

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            form[Uri.UnescapeDataString(name.Replace('+', ' '))] = Uri.UnescapeDataString(value.Replace('+', ' '));
        }

        return form;
    }

    private static (string AccessKey, string Date, string Region, string Service)? CredentialScope(string authorization)
    {
        const string prefix = "AWS4-HMAC-SHA256 Credential=";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = authorization[prefix.Length..].Split(',')[0].Split('/');
        return parts.Length == 5 && parts[4] == "aws4_request"
            ? (parts[0], parts[1], parts[2], parts[3])
            : null;
    }
}

namespace Cargo.Doctor.Tests.Aws;

/// <param name="Headers">Extra response headers, e.g. <c>x-amzn-ErrorType</c>.</param>
/// <param name="DropAfterBytes">
/// When set, the fake announces the full <c>Content-Length</c>, sends only this many body bytes and
/// then aborts the connection: a reset in the middle of the body.
/// </param>
public sealed record FakeAwsResponse(
    int Status,
    string Body,
    string ContentType,
    IReadOnlyDictionary<string, string>? Headers = null,
    int? DropAfterBytes = null)
{
    public static FakeAwsResponse Xml(string body, int status = 200) => new(status, body, "text/xml");

    public static FakeAwsResponse Json(string body, int status = 200) => new(status, body, "application/x-amz-json-1.1");

    /// <summary>This response cut off after <paramref name="bytes"/> body bytes (default: half of it).</summary>
    public FakeAwsResponse DroppedMidBody(int? bytes = null) =>
        this with { DropAfterBytes = bytes ?? System.Text.Encoding.UTF8.GetByteCount(Body) / 2 };
}

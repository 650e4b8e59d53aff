namespace Cargo.Doctor.Tests.Aws;

public sealed record FakeAwsResponse(int Status, string Body, string ContentType)
{
    public static FakeAwsResponse Xml(string body, int status = 200) => new(status, body, "text/xml");

    public static FakeAwsResponse Json(string body, int status = 200) => new(status, body, "application/x-amz-json-1.1");
}

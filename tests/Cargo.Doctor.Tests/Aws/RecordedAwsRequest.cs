namespace Cargo.Doctor.Tests.Aws;

/// <param name="Operation">Query <c>Action</c>, or the part of <c>X-Amz-Target</c> after the dot.</param>
/// <param name="Form">Decoded form fields of a Query request; empty for JSON requests.</param>
/// <param name="SigningService">Service from the Authorization credential scope.</param>
/// <param name="SigningRegion">Region from the Authorization credential scope.</param>
/// <param name="CallerAccountId">Account of the access key that signed the request; empty when the key is unknown.</param>
/// <param name="Method">The HTTP method (REST services such as S3 name the operation by method, path and query).</param>
/// <param name="Path">The URI path as sent.</param>
/// <param name="Query">The query string as sent, without the leading '?'.</param>
public sealed record RecordedAwsRequest(
    string Operation,
    string? Target,
    IReadOnlyDictionary<string, string> Form,
    string Body,
    string Authorization,
    string SigningService,
    string SigningRegion,
    bool SignatureValid,
    string CallerAccountId = "",
    string Method = "POST",
    string Path = "/",
    string Query = "");

namespace Cargo.Doctor.Tests.Aws;

/// <param name="Operation">Query <c>Action</c>, or the part of <c>X-Amz-Target</c> after the dot.</param>
/// <param name="Form">Decoded form fields of a Query request; empty for JSON requests.</param>
/// <param name="SigningService">Service from the Authorization credential scope.</param>
/// <param name="SigningRegion">Region from the Authorization credential scope.</param>
/// <param name="CallerAccountId">Account of the access key that signed the request; empty when the key is unknown.</param>
public sealed record RecordedAwsRequest(
    string Operation,
    string? Target,
    IReadOnlyDictionary<string, string> Form,
    string Body,
    string Authorization,
    string SigningService,
    string SigningRegion,
    bool SignatureValid,
    string CallerAccountId = "");

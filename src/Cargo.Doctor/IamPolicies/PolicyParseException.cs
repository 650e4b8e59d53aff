namespace Cargo.Doctor.IamPolicies;

/// <summary>The text is not valid JSON or does not follow the IAM policy grammar. The message is one line.</summary>
public sealed class PolicyParseException(string message, Exception? innerException = null)
    : Exception(message, innerException);

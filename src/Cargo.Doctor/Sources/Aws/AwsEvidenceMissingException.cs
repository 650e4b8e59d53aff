namespace Cargo.Doctor.Sources.Aws;

/// <summary>A file the evidence folder should hold is absent or unreadable; the message says how to create it.</summary>
public sealed class AwsEvidenceMissingException(string fileName, string command, string problem = "is missing")
    : Exception($"evidence file {fileName} {problem}; create it with: {command}")
{
    /// <summary>What is wrong with the file ("is missing", "cannot be read as JSON (...)").</summary>
    public string Problem { get; } = problem;
}

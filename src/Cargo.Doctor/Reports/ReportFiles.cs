namespace Cargo.Doctor.Reports;

/// <summary>What <see cref="ReportWriter.WriteEach"/> wrote, and what it could not write and why.</summary>
public sealed record ReportFiles(IReadOnlyList<string> Written, IReadOnlyList<UnwrittenFile> Unwritten);

/// <summary>A report file that could not be written, and the operating system's reason.</summary>
public sealed record UnwrittenFile(string Path, string Reason);

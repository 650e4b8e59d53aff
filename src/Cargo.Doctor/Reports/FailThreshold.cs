namespace Cargo.Doctor.Reports;

/// <summary>
/// <c>--fail-on</c>: the least serious status that makes the run fail (exit code 1, and a JUnit
/// <c>&lt;failure&gt;</c>). <c>fail</c> by default; <c>warn</c> adds warnings; <c>unknown</c> adds
/// checks that could not be verified.
/// </summary>
public enum FailThreshold
{
    Fail,
    Warn,
    Unknown,
}

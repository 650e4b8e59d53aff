namespace Cargo.Doctor.Catalog;

/// <summary>How bad a failing check is: an error fails the run, a warning does not.</summary>
public enum Severity
{
    Error,
    Warning,
}

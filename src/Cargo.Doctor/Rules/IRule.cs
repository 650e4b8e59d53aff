using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules;

/// <summary>
/// The logic of one check: a pure function of the facts. It never does I/O; the catalog
/// descriptor with the same id holds the title, severity and remediation text.
/// </summary>
public interface IRule
{
    string CheckId { get; }

    Finding Evaluate(RuleContext context);
}

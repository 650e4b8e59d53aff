using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules.Probes;

/// <summary>probe.function-create: the Cargo user really created, called and dropped a SQL function.</summary>
public sealed class FunctionCreateProbeRule : IRule
{
    public const string Id = ProbeIds.FunctionCreate;

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context) => ProbeFinding.Evaluate(context, (probes, _) =>
        $"created, called and dropped a SQL function with CREATE OR REPLACE FUNCTION in \"{probes.Database}\"");
}

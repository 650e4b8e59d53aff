using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules.Probes;

/// <summary>probe.schema-create: the Cargo user really created its own schema and a table in it.</summary>
public sealed class SchemaCreateProbeRule : IRule
{
    public const string Id = ProbeIds.SchemaCreate;

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context) => ProbeFinding.Evaluate(context, (probes, _) =>
        $"created schema \"{probes.ScratchSchema}\" in \"{probes.Database}\" and a table in it, wrote and read a row, dropped both");
}

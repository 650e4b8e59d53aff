using System.Text.Json;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Cli.Commands;
using Cargo.Doctor.Diagnosis;
using Cargo.Doctor.ProbeErrors;
using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Tests.ProbeErrors;

/// <summary>
/// The oracle: documented-error-texts.yaml was written from AWS's (and PostgreSQL's) pages alone, by
/// someone who had not read the classifier. Every entry goes through the classifier and through
/// <c>diagnose --format json</c>'s output, and must land on the entry's cause (a check id the row names,
/// or not-setup). An entry the code is believed to be right against is listed in
/// <see cref="ExpectedDisagreements"/> with the reason and the page; that list is strict: an entry on it
/// that starts agreeing fails too, so the list cannot go stale.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DocumentedErrorTextsTests
{
    /// <summary>Entry id, why the classifier answers otherwise, and the page that says so. Empty: every entry agrees.</summary>
    private static readonly Dictionary<string, (string Reason, string Page)> ExpectedDisagreements = [];

    private static readonly CheckCatalog Catalog = CatalogLoader.LoadDefault();

    public sealed record Entry(string Id, string Message, string? SqlState, string Page, bool Confirmed, string Cause)
    {
        public override string ToString() => Id;
    }

    public static TheoryData<Entry> Entries()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "ProbeErrors", "documented-error-texts.yaml")))
        {
            stream.Load(reader);
        }

        var data = new TheoryData<Entry>();
        foreach (var item in ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
        {
            string? Field(string name) => item.Children.TryGetValue(new YamlScalarNode(name), out var value) ? ((YamlScalarNode)value).Value : null;
            data.Add(new Entry(Field("id")!, Field("message")!, Field("sqlstate"), Field("page")!, Field("confirmed") == "true", Field("cause")!));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void the_classifier_gives_the_documented_cause(Entry entry)
    {
        var row = ProbeErrorClassifier.Match(entry.Message, entry.SqlState);
        var verdicts = row is null ? [] : row.NotSetup ? [ProbeErrorClassifier.NotSetupCause] : row.Checks;

        AssertAgreement(entry, verdicts.Contains(entry.Cause), $"classifier: {(row is null ? "no match" : $"{row.Cause} -> {string.Join(", ", verdicts)}")}");
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void diagnose_json_gives_the_documented_cause(Entry entry)
    {
        using var json = JsonDocument.Parse(DiagnoseCommand.Json(ErrorDiagnosis.Diagnose(entry.Message, Catalog)));
        var causes = json.RootElement.GetProperty("causes").EnumerateArray().ToList();
        var agrees = causes.Any(c => c.GetProperty("verdict").GetString() == entry.Cause
            || c.GetProperty("checks").EnumerateArray().Any(check => check.GetString() == entry.Cause));

        Assert.Equal(causes.Count > 0, json.RootElement.GetProperty("explained").GetBoolean());
        AssertAgreement(entry, agrees, $"diagnose: {json.RootElement}");
    }

    [Fact]
    public void every_expected_disagreement_names_an_entry()
    {
        var ids = Entries().Select(row => row.Data.Id).ToHashSet();
        Assert.All(ExpectedDisagreements.Keys, id => Assert.Contains(id, ids));
        Assert.True(ids.Count >= 40, $"the table has {ids.Count} entries");
    }

    private static void AssertAgreement(Entry entry, bool agrees, string what)
    {
        if (ExpectedDisagreements.TryGetValue(entry.Id, out var expected))
        {
            Assert.False(agrees, $"{entry.Id} now agrees ({entry.Cause}): remove it from the expected disagreements ({expected.Reason}, {expected.Page})");
        }
        else
        {
            Assert.True(agrees, $"{entry.Id}: the table says {entry.Cause} ({entry.Page}); {what}");
        }
    }
}

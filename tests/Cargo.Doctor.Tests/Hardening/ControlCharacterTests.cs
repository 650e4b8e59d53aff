using System.Text.Json.Nodes;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Quoting;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 22.7: ESC, BEL and C1 controls from a facts file never reach the terminal, report.md or
/// fix.sql as themselves; a name holding one makes the file invalid, naming its JSON path.
/// </summary>
[Trait("Category", "Cli")]
public sealed class ControlCharacterTests
{
    private const string Hostile = "boom \u001b]0;owned\u0007 \u001b[2J \u009b31m red";

    [Fact]
    public async Task free_text_from_a_facts_file_is_shown_escaped_everywhere()
    {
        var facts = WithFailureMessage(FactsFiles.AllGood(), Hostile);
        var path = await FactsFiles.WriteAsync(facts);
        var outDir = Path.Combine(Path.GetDirectoryName(path)!, "out");

        var result = await CliProcess.RunAsync(["report", "--facts", path, "--out", outDir, "--format", "md,json"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("\\u001B]0;owned\\u0007", result.Stdout, StringComparison.Ordinal);
        foreach (var (name, text) in new[] { ("stdout", result.Stdout), ("stderr", result.Stderr), ("report.md", await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"), TestContext.Current.CancellationToken)), ("fix.sql", await File.ReadAllTextAsync(Path.Combine(outDir, "fix.sql"), TestContext.Current.CancellationToken)) })
        {
            Assert.False(text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'), $"{name} holds a control character:\n{text}");
        }
    }

    [Fact]
    public void a_name_with_a_control_character_makes_the_facts_file_invalid_naming_its_path()
    {
        var node = JsonNode.Parse(FactsJson.Serialize(FactsFiles.AllGood()))!;
        node["warehouse"]!["databases"]![0]!["schemas"]![0]!["name"] = "sal\u001b[31mes";

        var e = Assert.Throws<FormatException>(() => FactsJson.Deserialize(node.ToJsonString()));

        Assert.Equal("the facts file is not valid: $.warehouse.databases[0].schemas[0].name: a name with a control character (names are printable text)", e.Message);
    }

    [Theory]
    [InlineData("a\u001bb", "a\\u001Bb")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("c1\u009b", "c1\\u009B")]
    [InlineData("rtl\u202Eoverride", "rtl\\u202Eoverride")]
    [InlineData("pair \ud83d\ude00 kept", "pair \ud83d\ude00 kept")]
    [InlineData("line\nbreak", "line\\u000Abreak")]
    public void display_text_escapes_controls_visibly(string text, string shown)
    {
        Assert.Equal(shown, DisplayText.Escape(text));
    }

    [Fact]
    public void display_text_escapes_a_lone_surrogate()
    {
        // Not InlineData: attribute metadata cannot carry a lone surrogate.
        Assert.Equal("lone\\uD800", DisplayText.Escape("lone" + (char)0xD800));
    }

    private static FactsSnapshot WithFailureMessage(FactsSnapshot facts, string message) => facts with
    {
        Warehouse = facts.Warehouse! with
        {
            Databases = [facts.Warehouse.Databases[0] with { Connection = new ConnectionFacts { Succeeded = false, FailureKind = "other", FailureMessage = message } }],
        },
    };
}

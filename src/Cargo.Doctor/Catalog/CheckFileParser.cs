using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;

namespace Cargo.Doctor.Catalog;

/// <summary>Parses one <c>checks/*.md</c> file: YAML front matter plus the Markdown sections.</summary>
internal static class CheckFileParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public static CheckDescriptor Parse(string markdown, string fileName)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var frontMatterBlock = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault()
            ?? throw new CatalogException($"{fileName}: missing YAML front matter (--- ... ---)");

        CheckFrontMatter front;
        try
        {
            front = CheckFrontMatter.Read(frontMatterBlock.Lines.ToString());
        }
        catch (YamlException e)
        {
            throw new CatalogException($"{fileName}: front matter is not valid YAML: {e.Message}");
        }

        var id = Required(front.Id, "id", fileName);
        var severity = Required(front.Severity, "severity", fileName) switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            var other => throw new CatalogException($"{fileName}: severity '{other}' must be 'error' or 'warning'"),
        };

        var sections = ReadSections(document, markdown);
        var bodyStart = frontMatterBlock.Span.End + 1;
        return new CheckDescriptor
        {
            Id = id,
            Title = Required(front.Title, "title", fileName),
            Severity = severity,
            Area = Required(front.Area, "area", fileName),
            DependsOn = front.DependsOn ?? [],
            Order = front.Order ?? 1000,
            Why = sections.Text.GetValueOrDefault("why it matters", ""),
            HowVerified = sections.Text.GetValueOrDefault("how it is verified", ""),
            Remediation = sections.Templates,
            Body = bodyStart < markdown.Length ? markdown[bodyStart..].Trim() : "",
            SourceFile = fileName,
        };
    }

    private static string Required(string? value, string key, string fileName) =>
        string.IsNullOrWhiteSpace(value) ? throw new CatalogException($"{fileName}: front matter lacks '{key}'") : value.Trim();

    private static (Dictionary<string, string> Text, Dictionary<string, RemediationTemplate> Templates) ReadSections(
        MarkdownDocument document, string markdown)
    {
        var text = new Dictionary<string, string>();
        var templates = new Dictionary<string, RemediationTemplate>();
        string? section = null;
        var sectionBlocks = new List<Block>();
        string? templateKey = null;
        var templateBlocks = new List<RemediationBlock>();

        void EndTemplate()
        {
            if (templateKey is not null)
            {
                templates[templateKey] = new RemediationTemplate(templateKey, templateBlocks.ToList());
            }

            templateKey = null;
            templateBlocks.Clear();
        }

        void EndSection()
        {
            EndTemplate();
            if (section is not null && sectionBlocks.Count > 0)
            {
                var start = sectionBlocks[0].Span.Start;
                var end = sectionBlocks[^1].Span.End;
                text[section] = markdown[start..(end + 1)].Trim();
            }

            section = null;
            sectionBlocks.Clear();
        }

        foreach (var block in document)
        {
            if (block is YamlFrontMatterBlock)
            {
                continue;
            }

            if (block is HeadingBlock { Level: 2 } h2)
            {
                EndSection();
                section = HeadingText(h2, markdown).ToLowerInvariant();
                continue;
            }

            if (section == "remediation" && block is HeadingBlock { Level: 3 } h3)
            {
                EndTemplate();
                templateKey = HeadingText(h3, markdown);
                continue;
            }

            sectionBlocks.Add(block);
            if (templateKey is not null)
            {
                templateBlocks.Add(ToRemediationBlock(block, markdown));
            }
        }

        EndSection();
        return (text, templates);
    }

    private static RemediationBlock ToRemediationBlock(Block block, string markdown)
    {
        if (block is FencedCodeBlock fenced)
        {
            var kind = $"{fenced.Info} {fenced.Arguments}".Trim().ToLowerInvariant() switch
            {
                "sql" => "sql",
                // Another way to the same fix: shown in reports, commented out in fix.sql.
                "sql alternative" => "sql-alternative",
                "sh" or "bash" or "shell" => "sh",
                "json" => "json",
                _ => "text",
            };
            return new RemediationBlock(kind, fenced.Lines.ToString());
        }

        return new RemediationBlock("console", markdown[block.Span.Start..(block.Span.End + 1)].Trim());
    }

    private static string HeadingText(HeadingBlock heading, string markdown) =>
        markdown[heading.Span.Start..(heading.Span.End + 1)].TrimStart('#').Trim();
}

using System.Text;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.History;

/// <summary>diff.md: what changed between two runs, for a support ticket or a pull request.</summary>
public static class DiffMarkdownRenderer
{
    public const string FileName = "diff.md";

    public static string Render(RunDiff diff)
    {
        var text = new StringBuilder();
        text.AppendLine("# Cargo Doctor: what changed").AppendLine();
        text.AppendLine($"Old: {MarkdownText.Escape(diff.Old.Source)}  ").AppendLine($"New: {MarkdownText.Escape(diff.New.Source)}").AppendLine();
        text.AppendLine($"**{ChangeWords.Summary(diff)}**").AppendLine();
        foreach (var note in diff.Notes)
        {
            text.AppendLine($"> Note: {MarkdownText.Escape(note)}").AppendLine();
        }

        foreach (var kind in Enum.GetValues<ChangeKind>().Where(k => k != ChangeKind.Unchanged && diff.Count(k) > 0))
        {
            text.AppendLine($"## {ChangeWords.Word(kind)}").AppendLine();
            foreach (var change in diff.Changes.Where(c => c.Kind == kind))
            {
                text.AppendLine($"- **{MarkdownText.Escape(change.Title)}** (`{change.CheckId}`): {ChangeWords.Move(change)}");
                foreach (var line in change.Appeared)
                {
                    text.AppendLine($"  - \\+ {MarkdownText.Escape(line)}");
                }

                foreach (var line in change.Disappeared)
                {
                    text.AppendLine($"  - \\- {MarkdownText.Escape(line)}");
                }
            }

            text.AppendLine();
        }

        if (diff.Count(ChangeKind.Unchanged) > 0)
        {
            text.AppendLine($"Unchanged: {string.Join(", ", diff.Changes.Where(c => c.Kind == ChangeKind.Unchanged).Select(c => $"`{c.CheckId}`"))}");
        }

        return text.ToString();
    }
}

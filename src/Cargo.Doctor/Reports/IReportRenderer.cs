namespace Cargo.Doctor.Reports;

/// <summary>One output format. Renderers are siblings: adding one touches nothing else.</summary>
public interface IReportRenderer
{
    /// <summary>The name used with --format (md, html, json, junit).</summary>
    string Format { get; }

    string FileName { get; }

    string Render(Report report);
}

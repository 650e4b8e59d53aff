namespace Cargo.Doctor.Reports;

/// <summary>The HTML report's only stylesheet, inlined so the file stands alone.</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { color-scheme: light; --fail: #b42318; --warn: #b54708; --pass: #067647; --muted: #475467; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #101828; background: #fff; }
        main { max-width: 980px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.6em; margin: 0.2em 0 0.4em; }
        h2 { border-bottom: 1px solid #eaecf0; padding-bottom: 4px; margin-top: 1.6em; }
        h3 { margin-top: 1.4em; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; display: block; overflow-x: auto; }
        th, td { border: 1px solid #eaecf0; padding: 6px 8px; text-align: left; vertical-align: top; }
        th { background: #f9fafb; }
        code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f2f4f7; padding: 1px 4px; border-radius: 4px; }
        pre { background: #0c111d; color: #f2f4f7; padding: 12px; border-radius: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
        pre code { background: none; color: inherit; padding: 0; }
        @media print { pre { background: #f2f4f7; color: #101828; } main { max-width: none; } }
        """;
}

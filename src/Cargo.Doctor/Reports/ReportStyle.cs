namespace Cargo.Doctor.Reports;

/// <summary>
/// The HTML report's only stylesheet, inlined so the file stands alone. Phone first (one column,
/// wrapping, scrollable code), colour plus a symbol for each status, and a print layout that opens
/// every section.
/// </summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { color-scheme: light; --fail: #b42318; --warn: #b54708; --unknown: #6941c6; --skipped: #667085; --pass: #067647; --line: #eaecf0; --muted: #475467; }
        * { box-sizing: border-box; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #101828; background: #fff; }
        main { max-width: 980px; margin: 0 auto; padding: 12px 16px 32px; }
        h1 { font-size: 1.5em; margin: 0.2em 0; }
        h2 { font-size: 1.15em; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin: 1.4em 0 0.6em; }
        h4 { margin: 0.8em 0 0.3em; font-size: 0.95em; }
        .verdict { font-weight: 700; font-size: 1.1em; margin: 0.3em 0 0.6em; }
        .verdict.s-fail { color: var(--fail); } .verdict.s-warn, .verdict.s-unknown { color: var(--warn); } .verdict.s-pass, .verdict.s-skipped { color: var(--pass); }
        .bar { display: flex; height: 14px; border-radius: 7px; overflow: hidden; background: var(--line); }
        .seg { display: block; min-width: 6px; }
        .seg.s-fail { background: var(--fail); } .seg.s-warn { background: var(--warn); } .seg.s-unknown { background: var(--unknown); }
        .seg.s-skipped { background: #d0d5dd; } .seg.s-pass { background: var(--pass); }
        .counts { display: flex; flex-wrap: wrap; gap: 6px 16px; list-style: none; padding: 0; margin: 8px 0 0; }
        .counts .mark { font-weight: 700; }
        .s-fail .mark, .badge.s-fail { color: var(--fail); } .s-warn .mark, .badge.s-warn { color: var(--warn); }
        .s-unknown .mark, .badge.s-unknown { color: var(--unknown); } .s-skipped .mark, .badge.s-skipped { color: var(--skipped); }
        .s-pass .mark, .badge.s-pass { color: var(--pass); }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 8px 4px 0; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { width: 9em; color: var(--muted); font-weight: 600; }
        .could-not-run { padding-left: 1.2em; } .could-not-run li { overflow-wrap: anywhere; }
        .badge { display: inline-block; font-weight: 700; font-size: 0.85em; text-transform: uppercase; white-space: nowrap; }
        details.check { border: 1px solid var(--line); border-left: 6px solid var(--skipped); border-radius: 8px; margin: 8px 0; }
        details.check.s-fail { border-left-color: var(--fail); } details.check.s-warn { border-left-color: var(--warn); }
        details.check.s-unknown { border-left-color: var(--unknown); } details.check.s-pass { border-left-color: var(--pass); }
        .verdict.s-accepted { color: var(--pass); } .seg.s-accepted { background: #98a2b3; } .s-accepted .mark, .badge.s-accepted { color: var(--muted); } details.check.s-accepted { border-left-color: #98a2b3; }
        details.check > summary { cursor: pointer; padding: 8px 12px; overflow-wrap: anywhere; }
        details.check > summary .title { font-weight: 600; }
        details.check > summary .dur { color: var(--muted); font-size: 0.85em; margin-left: 4px; }
        details.check > summary .line { display: block; color: var(--muted); margin-top: 2px; }
        details.check .body { padding: 0 12px 10px; }
        details.more > summary, details.how > summary { cursor: pointer; color: var(--muted); margin: 4px 0; }
        code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f2f4f7; padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
        pre { background: #0c111d; color: #f2f4f7; padding: 10px 12px; border-radius: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
        pre code { background: none; color: inherit; padding: 0; }
        footer { margin-top: 2em; color: var(--muted); font-size: 0.85em; }
        @media (max-width: 600px) { body { font-size: 14px; } main { padding: 8px 10px 24px; } th { width: 7em; } }
        @media print {
          main { max-width: none; padding: 0; }
          pre { background: #f2f4f7; color: #101828; border: 1px solid var(--line); }
          details::details-content { content-visibility: visible; display: contents; }
          details > summary { list-style: none; }
          details.check { break-inside: avoid-page; }
        }
        """;
}

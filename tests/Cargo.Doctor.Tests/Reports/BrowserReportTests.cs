using System.Text.Json;
using System.Text.Json.Nodes;
using Cargo.Doctor.Reports;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Reports;

/// <summary>
/// The HTML report of a partly broken warehouse, opened in real headless Chromium: it loads nothing
/// from the network, logs no error, runs no script, shows hostile names as text, and fits a phone.
/// Fails (does not skip) when Chromium is missing: CI installs it.
/// </summary>
[Trait("Category", "Warehouse")]
[Trait("Category", "Browser")]
public sealed class BrowserReportTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    public const string HostileSchema = "Sales \"EU\" <script>alert(1)</script>";

    [Fact]
    public async Task partly_broken_report_renders_in_chromium_without_requests_or_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await WarehouseScenario.CreateAsync(server);
        await scenario.CreateSchemaWithTablesAsync("sales");
        await scenario.GrantSchemaAsync("sales", defaults: false);
        await scenario.CreateSchemaWithTablesAsync(HostileSchema, "Ünïcødé tåble", "plain");
        await scenario.AdminAsync($"GRANT USAGE ON SCHEMA {scenario.Quoted(HostileSchema)} TO {scenario.Quoted(scenario.User)}");
        var result = await scenario.CheckAsync("sales", HostileSchema);
        var report = Report.Create(result.Facts, WarehouseScenario.Catalog, result.Findings, TimeSpan.FromSeconds(1));
        var dir = Directory.CreateTempSubdirectory("cargo-doctor-html-").FullName;
        var page = Path.Combine(dir, "report.html");
        await File.WriteAllTextAsync(page, new HtmlReportRenderer().Render(report), ct);

        await using var browser = await HeadlessChromium.StartAsync(ct);
        await browser.SendAsync("Network.enable", null, ct);
        await browser.SendAsync("Runtime.enable", null, ct);
        await browser.SendAsync("Log.enable", null, ct);
        await browser.SendAsync("Page.enable", null, ct);
        await browser.SendAsync("Page.setLifecycleEventsEnabled", new JsonObject { ["enabled"] = true }, ct);
        await browser.SendAsync("Emulation.setDeviceMetricsOverride",
            new JsonObject { ["width"] = 390, ["height"] = 844, ["deviceScaleFactor"] = 1, ["mobile"] = true }, ct);
        var url = new Uri(page).AbsoluteUri;
        await browser.SendAsync("Page.navigate", new JsonObject { ["url"] = url }, ct);
        await browser.WaitForEventAsync("Page.loadEventFired", ct);
        // No fixed wait: Chromium says when the network is idle, and the page holds nothing that could
        // ask for anything later (no script, no timer, no URL a hover, a print or a lazy load would fetch).
        await WaitForNetworkIdleAsync(browser, ct);
        Assert.Equal(0, (await browser.EvaluateAsync(LaterRequestSources, ct)).GetInt32());

        var text = (await browser.EvaluateAsync("document.body.innerText", ct)).GetString()!;
        Assert.Contains(HostileSchema, text);
        Assert.Contains("Ünïcødé tåble", text);
        Assert.Equal(0, (await browser.EvaluateAsync("document.scripts.length", ct)).GetInt32());
        Assert.True((await browser.EvaluateAsync("document.querySelectorAll('details.check').length", ct)).GetInt32() >= 7);
        Assert.Equal("check s-fail", (await browser.EvaluateAsync("document.querySelector('details.check').className", ct)).GetString());
        Assert.True((await browser.EvaluateAsync("document.querySelector('details.check').open", ct)).GetBoolean());
        var overflow = (await browser.EvaluateAsync("document.documentElement.scrollWidth - window.innerWidth", ct)).GetInt32();
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a phone screen");

        var shot = await browser.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, ct);
        var png = Convert.FromBase64String(shot.GetProperty("data").GetString()!);
        Assert.True(png.Length > 5000, "the screenshot is blank");
        await File.WriteAllBytesAsync(Path.Combine(dir, "report-phone.png"), png, ct);

        // In print, folded sections must open: paper has no click.
        await browser.SendAsync("Emulation.setEmulatedMedia", new JsonObject { ["media"] = "print" }, ct);
        var hiddenInPrint = (await browser.EvaluateAsync(
            "[...document.querySelectorAll('details:not([open])')].filter(d => d.getBoundingClientRect().height < d.querySelector('summary').getBoundingClientRect().height + 10).length", ct)).GetInt32();
        Assert.Equal(0, hiddenInPrint);
        Assert.True((await browser.EvaluateAsync("document.querySelectorAll('details:not([open])').length", ct)).GetInt32() > 0);

        var requests = browser.Events.Where(e => e.Method == "Network.requestWillBeSent")
            .Select(e => e.Params.GetProperty("request").GetProperty("url").GetString()!)
            .Where(u => u != url)
            .ToList();
        Assert.True(requests.Count == 0, "the page made requests: " + string.Join(", ", requests));
        var errors = browser.Events.Where(IsError).Select(e => $"{e.Method}: {e.Params}").ToList();
        Assert.True(errors.Count == 0, "the page logged errors: " + string.Join("\n", errors));
        Assert.Contains(browser.Events, e => e.Method == "Network.requestWillBeSent"); // the recorder did see the page itself
    }

    /// <summary>
    /// Elements and style rules through which a page without scripts can still request something after
    /// load (a hover, print, a lazy image, a refresh): any of them that is not an in-page or data: URL.
    /// </summary>
    private const string LaterRequestSources = """
        (() => {
          const remote = u => u && !u.startsWith('#') && !u.startsWith('data:');
          const attrs = ['src', 'srcset', 'poster', 'data', 'background', 'action', 'formaction', 'ping'];
          const elements = [...document.querySelectorAll('*')].filter(e =>
            attrs.some(a => remote(e.getAttribute(a))) || (e.localName === 'link' && remote(e.getAttribute('href')))
            || (e.localName === 'meta' && /refresh/i.test(e.getAttribute('http-equiv') || ''))
            || ['iframe', 'object', 'embed', 'frame'].includes(e.localName));
          const css = [...document.styleSheets].flatMap(s => [...s.cssRules]).map(r => r.cssText)
            .concat([...document.querySelectorAll('[style]')].map(e => e.getAttribute('style')))
            .filter(t => /@import|url\(\s*['"]?(?!data:)/i.test(t));
          return elements.length + css.length;
        })()
        """;

    private static async Task WaitForNetworkIdleAsync(HeadlessChromium browser, CancellationToken ct)
    {
        // Page.lifecycleEvent "networkIdle": no request in flight. The 60 s is a hang guard, not the assertion.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(TimeSpan.FromSeconds(60));
        while (!browser.Events.Any(e => e.Method == "Page.lifecycleEvent" && e.Params.GetProperty("name").GetString() == "networkIdle"))
        {
            // Polls the recorded events as HeadlessChromium.WaitForEventAsync does: waiting on state, not on time.
            await Task.Delay(50, guard.Token);
        }
    }

    private static bool IsError((string Method, JsonElement Params) e) => e.Method switch
    {
        "Runtime.exceptionThrown" => true,
        "Runtime.consoleAPICalled" => e.Params.GetProperty("type").GetString() is "error" or "assert",
        "Log.entryAdded" => e.Params.GetProperty("entry").GetProperty("level").GetString() == "error",
        _ => false,
    };
}

using System.Globalization;
using System.Xml.Linq;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Fleet;

/// <summary>
/// fleet-summary.junit.xml: one test suite per target, one test case per check; a failing check
/// fails, unknown and warn are skipped with their word (as report.junit.xml counts them), a target
/// that could not be checked is one error. XLinq escapes every text.
/// </summary>
public static class FleetSummaryJunit
{
    public const string FileName = FleetSummary.BaseName + ".junit.xml";

    public static string Render(FleetSummary summary)
    {
        var suites = new XElement("testsuites", new XAttribute("name", "cargo-doctor fleet"));
        foreach (var target in summary.Targets)
        {
            var suite = new XElement("testsuite", new XAttribute("name", target.Name),
                new XAttribute("time", target.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)));
            if (target.Error is not null)
            {
                suite.Add(new XElement("testcase", new XAttribute("name", $"{target.Name}: checked"), new XAttribute("classname", target.Name),
                    new XElement("error", new XAttribute("message", target.Error))));
            }

            foreach (var id in summary.CheckIds)
            {
                if (summary.Status(target, id) is not { } status)
                {
                    continue;
                }

                var test = new XElement("testcase", new XAttribute("name", id), new XAttribute("classname", target.Name));
                var word = CheckStatusWords.Word(status);
                if (status == CheckStatus.Fail)
                {
                    test.Add(new XElement("failure", new XAttribute("message", $"{id}: fail (see {FleetSummary.MainReport(target) ?? target.ReportFolder})")));
                }
                else if (status is not CheckStatus.Pass)
                {
                    test.Add(new XElement("skipped", new XAttribute("message", word)));
                }

                suite.Add(test);
            }

            suite.Add(new XAttribute("tests", suite.Elements("testcase").Count()),
                new XAttribute("failures", suite.Descendants("failure").Count()),
                new XAttribute("errors", suite.Descendants("error").Count()),
                new XAttribute("skipped", suite.Descendants("skipped").Count()));
            suites.Add(suite);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).Declaration + "\n" + suites + "\n";
    }
}

using System.Text;
using Cargo.Doctor.AwsScripts;

namespace Cargo.Doctor.Reports;

/// <summary>
/// fix-aws.sh: the <c>aws</c> CLI remediations (kind <c>sh</c>) of the failed and warned checks,
/// each under a comment naming its check, JSON documents they mention as comments. Strict bash
/// (<c>set -euo pipefail</c>); the tool never runs it.
/// </summary>
public sealed class FixAwsScriptRenderer : IReportRenderer
{
    public string Format => "fix-aws";

    public string FileName => "fix-aws.sh";

    public string Render(Report report)
    {
        var sh = new StringBuilder();
        sh.AppendLine("#!/usr/bin/env bash");
        sh.AppendLine($"# fix-aws.sh written by {FixScriptText.OneLine(ReportHeader.Tool(report))} on {report.Facts.StartedAt:yyyy-MM-dd HH:mm} UTC");
        sh.AppendLine("# REVIEW BEFORE RUNNING. cargo-doctor never runs this script. Each command changes your AWS");
        sh.AppendLine("# account: run it with credentials allowed to make that change, in the right account and region.");
        if (report.Facts.Redacted)
        {
            sh.AppendLine("# This report was redacted: names are tokens (account_1, host_1, ...); put the real values back first.");
        }

        sh.AppendLine("set -euo pipefail").AppendLine();
        var entries = FixScriptText.ToFix(report).Where(e => e.Finding.Remediation.Any(r => r.Kind == "sh")).ToList();
        var cluster = ClusterToWaitFor(report, entries);
        if (cluster is not null)
        {
            sh.Append(ClusterReadyWait.Function);
        }

        var commands = 0;
        var clusterChanged = false;
        foreach (var entry in entries)
        {
            sh.AppendLine($"# ==== {entry.Check.Id} ({StatusMark.Word(entry.Finding.Status)}): {FixScriptText.OneLine(entry.Finding.Summary)}");
            foreach (var step in entry.Finding.Remediation.Where(r => !r.Kind.StartsWith("sql", StringComparison.Ordinal)))
            {
                if (step.Kind == "sh")
                {
                    if (cluster is not null && ChangesCluster(step.Text))
                    {
                        if (clusterChanged)
                        {
                            sh.AppendLine("# the change above may still be applied: a second change meanwhile fails with InvalidClusterState");
                            sh.AppendLine(ClusterReadyWait.Call(cluster.Value.Id, cluster.Value.Region));
                        }

                        clusterChanged = true;
                    }

                    sh.AppendLine(step.Text.TrimEnd());
                    commands++;
                }
                else
                {
                    foreach (var line in FixScriptText.Commented("#", step.Text))
                    {
                        sh.AppendLine(line);
                    }
                }
            }

            sh.AppendLine();
        }

        if (commands == 0)
        {
            sh.AppendLine("# Nothing to fix with the aws CLI: no failed or warned check has an aws CLI remediation.");
        }

        return sh.ToString();
    }

    /// <summary>The provisioned cluster when two or more steps change it (they must wait for each other), else null.</summary>
    private static (string Id, string Region)? ClusterToWaitFor(Report report, List<ReportEntry> entries) =>
        report.Facts.Aws is { IsServerless: false, Target.Identifier: { } id } aws
        && entries.SelectMany(e => e.Finding.Remediation).Count(r => r.Kind == "sh" && ChangesCluster(r.Text)) > 1
            ? (id, aws.Region)
            : null;

    private static bool ChangesCluster(string command) =>
        command.Contains("aws redshift modify-cluster ", StringComparison.Ordinal) || command.Contains("aws redshift modify-cluster-iam-roles ", StringComparison.Ordinal);
}

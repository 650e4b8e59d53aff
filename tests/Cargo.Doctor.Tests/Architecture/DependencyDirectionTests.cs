using System.Text.RegularExpressions;

namespace Cargo.Doctor.Tests.Architecture;

/// <summary>
/// The pipeline's arrows point one way: Sources → Facts → Rules → Findings → Reports. A plain scan of
/// src/Cargo.Doctor finds every namespace a folder uses (using lines, fully qualified and partly
/// qualified names such as <c>Reports.MarkdownText</c>) and compares it with the table below.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class DependencyDirectionTests
{
    /// <summary>
    /// What each top-level folder of src/Cargo.Doctor may import besides itself. Decided from what is
    /// right, not from what exists. The root namespace (ToolVersion) may be used by every folder and
    /// imports nothing. src/Cargo.Doctor.Cli sits on top and may use everything; nothing here uses it.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        // Plain data every stage shares: the gathered snapshot and the verdicts. They import nothing.
        // Facts reads its file through Files (bounded, checked before deserialising).
        ["Facts"] = ["Files"],
        ["Findings"] = [],

        // Reading the customer's files: size limits, file types, text checks, JSON errors in the customer's words,
        // and which JSON properties hold names (shared with --redact).
        ["Files"] = ["Quoting"],

        // Neutral libraries: value logic without I/O, used by several stages.
        ["Quoting"] = [], // SqlQuote, ShellQuote, MarkdownText, XmlText: all text quoting in one place
        ["AwsApi"] = ["Files"], // AWS API clients and their records; they know nothing of the doctor (Files: the body cap)
        ["ProbeErrors"] = ["Facts"], // Redshift's documented probe error texts: sources classify, rules explain
        ["IamPolicies"] = ["AwsApi.Partitions", "Facts"], // policy evaluation; Facts for the role's gathered policies
        ["Network"] = [], // CIDRs, private ranges, Cargo IP limits: pure address logic
        // Pieces of the generated AWS scripts shared by the fixes and setup: live-state guards, merges, waits.
        ["AwsScripts"] = ["Quoting"],
        // The user's settings; the one validation step uses Network to judge --cargo-ip, and may not reach into the pipeline.
        ["Config"] = ["Network"],

        // The pipeline.
        ["Catalog"] = ["Findings", "Quoting"],
        ["Diagnosis"] = ["Catalog", "ProbeErrors"], // diagnose: the classifier's causes with the catalog's fix templates
        ["Sources"] = ["AwsApi", "Config", "Facts", "Files", "IamPolicies", "Network", "ProbeErrors", "Quoting"],
        ["Rules"] = ["AwsApi.Partitions", "AwsScripts", "Catalog", "Facts", "Findings", "IamPolicies", "Network", "ProbeErrors", "Quoting"],
        // Config only for the usage error of --checks/--skip (issue 12 item 1 gives usage errors their own type).
        ["Engine"] = ["Catalog", "Config", "Facts", "Findings", "Rules"],
        ["Accepted"] = ["Config", "Findings"],
        // Config only for the usage errors of --format/--fail-on (issue 12 item 1 validates them before the run).
        ["Reports"] = ["AwsScripts", "Catalog", "Config", "Facts", "Files", "Findings", "ProbeErrors", "Quoting"],
        // `cargo-doctor setup`: renders the catalog's remediation templates for the configured names, like the fix scripts.
        ["Setup"] = ["AwsApi.Partitions", "AwsScripts", "Catalog", "Config", "Findings", "IamPolicies", "Network", "Quoting"],

        // Downstream of the reports, like the CLI: redaction rewrites gathered facts and rendered findings
        // with the configured names; history reads report.json as the JSON renderer writes it and
        // re-evaluates a facts file with the current catalog and rules, then renders the diff.
        ["Redaction"] = ["Config", "Facts", "Files", "Findings"],
        ["History"] = ["Catalog", "Engine", "Facts", "Files", "Findings", "Fleet", "Quoting", "Reports", "Rules"],
        ["Fleet"] = ["Findings", "Quoting"], // the fleet summary: target x check statuses, rendered
    };

    [Fact]
    public void every_folder_imports_only_what_the_table_allows()
    {
        var code = SourceScan.Read(Path.Combine(RepositoryRoot(), "src", "Cargo.Doctor"));

        var wrong = code.References()
            .Where(r => r.Target.Length > 0 && !IsAllowed(r.Folder, r.Target))
            .Select(r => $"{r.File}: {(r.Folder.Length == 0 ? "the root namespace" : r.Folder)} must not import {r.Target}")
            .Distinct()
            .ToList();

        Assert.True(wrong.Count == 0, "wrong-way imports (fix the code, or change the table in DependencyDirectionTests if the design changed):\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void every_folder_is_in_the_table()
    {
        var code = SourceScan.Read(Path.Combine(RepositoryRoot(), "src", "Cargo.Doctor"));

        var missing = code.Folders.Where(f => f.Length > 0 && !Allowed.ContainsKey(f)).ToList();

        Assert.True(missing.Count == 0, $"add the new folder(s) to DependencyDirectionTests.Allowed: {string.Join(", ", missing)}");
    }

    [Fact]
    public void the_table_has_no_cycle()
    {
        foreach (var start in Allowed.Keys)
        {
            var seen = new HashSet<string>();
            var pending = new Stack<string>(Allowed[start].Select(Top));
            while (pending.TryPop(out var next))
            {
                Assert.False(next == start, $"{start} can reach itself through the allowed imports");
                if (seen.Add(next) && Allowed.TryGetValue(next, out var further))
                {
                    foreach (var target in further)
                    {
                        pending.Push(Top(target));
                    }
                }
            }
        }
    }

    [Fact]
    public void the_library_never_uses_the_cli()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src", "Cargo.Doctor"), "*.cs", SearchOption.AllDirectories)
            .Where(f => SourceScan.IsSource(Path.GetRelativePath(RepositoryRoot(), f)))
            .Where(f => File.ReadAllText(f).Contains("Cargo.Doctor.Cli", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void the_scan_sees_using_lines_qualified_and_partly_qualified_names()
    {
        var code = new SourceScan(
        [
            new("Rules/Db/A.cs", "Rules", """
                using Cargo.Doctor.Sources.Probes;
                using static Cargo.Doctor.Reports.StatusMark;
                namespace Cargo.Doctor.Rules.Db;
                // Engine.CheckRunner in a plain comment is not an import.
                public sealed class A { string B => Catalog.Thing.Name + global::Cargo.Doctor.History.RunDiff.X + Facts.Warehouse; }
                """),
            new("Sources/Probes/P.cs", "Sources", "namespace Cargo.Doctor.Sources.Probes;\npublic static class P { }"),
            new("Reports/StatusMark.cs", "Reports", "namespace Cargo.Doctor.Reports;\npublic static class StatusMark { }"),
            new("Catalog/Thing.cs", "Catalog", "namespace Cargo.Doctor.Catalog;\npublic sealed record Thing(string Name);"),
            new("History/RunDiff.cs", "History", "namespace Cargo.Doctor.History;\npublic sealed class RunDiff { }"),
            new("Engine/CheckRunner.cs", "Engine", "namespace Cargo.Doctor.Engine;\npublic sealed class CheckRunner { }"),
            new("Facts/WarehouseFacts.cs", "Facts", "namespace Cargo.Doctor.Facts;\npublic sealed record WarehouseFacts;"),
        ]);

        var targets = code.References().Where(r => r.File == "Rules/Db/A.cs").Select(r => r.Target).Distinct().Order().ToList();

        // Facts.Warehouse names no type of Cargo.Doctor.Facts (a property, say), so it is not counted.
        Assert.Equal(["Catalog", "History", "Reports", "Sources.Probes"], targets);
        Assert.False(IsAllowed("Rules", "Sources.Probes"));
        Assert.True(IsAllowed("Rules", "AwsApi.Partitions"));
        Assert.False(IsAllowed("Rules", "AwsApi.Clients"));
    }

    private static bool IsAllowed(string folder, string target) =>
        Top(target) == folder
        || (Allowed.TryGetValue(folder, out var allowed) && allowed.Any(a => target == a || target.StartsWith(a + ".", StringComparison.Ordinal)));

    private static string Top(string ns) => ns.Split('.')[0];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cargo.Doctor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cargo.Doctor.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The C# files of src/Cargo.Doctor: path relative to it, top-level folder ("" for the root) and text.</summary>
    internal sealed partial class SourceScan(IReadOnlyList<SourceScan.SourceFile> files)
    {
        internal sealed record SourceFile(string Path, string Folder, string Text);

        internal sealed record Reference(string File, string Folder, string Target);

        public IEnumerable<string> Folders => files.Select(f => f.Folder).Distinct();

        public static SourceScan Read(string root) => new(
            Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(IsSource)
                .Select(rel => new SourceFile(rel, rel.Contains('/') ? rel[..rel.IndexOf('/')] : "", File.ReadAllText(Path.Combine(root, rel))))
                .ToList());

        public static bool IsSource(string path) =>
            !path.Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj");

        /// <summary>Every project namespace each file uses, resolved to the longest declared namespace.</summary>
        public IEnumerable<Reference> References()
        {
            var namespaces = files.Select(f => NamespaceLine().Match(f.Text)).Where(m => m.Success).Select(m => m.Groups["ns"].Value).ToHashSet();
            var types = files
                .Select(f => (Ns: NamespaceLine().Match(f.Text).Groups["ns"].Value, f.Text))
                .SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => $"{f.Ns}.{m.Groups["name"].Value}"))
                .ToHashSet();
            var tops = namespaces.Select(Top).ToHashSet();

            foreach (var file in files)
            {
                var code = PlainComment().Replace(NamespaceLine().Replace(file.Text, ""), "");
                foreach (Match m in Qualified().Matches(code))
                {
                    if (Resolve(m.Groups["chain"].Value, namespaces) is { } ns)
                    {
                        yield return new(file.Path, file.Folder, ns);
                    }
                }

                foreach (Match m in PartlyQualified().Matches(code))
                {
                    var chain = m.Groups["chain"].Value;
                    if (tops.Contains(Top(chain)) && Resolve(chain, namespaces) is { } ns
                        && chain.Length > ns.Length && (types.Contains($"{ns}.{chain[(ns.Length + 1)..].Split('.')[0]}") || namespaces.Contains(chain)))
                    {
                        yield return new(file.Path, file.Folder, ns);
                    }
                }

                if (file.Folder.Length == 0 && Qualified().IsMatch(code))
                {
                    yield return new(file.Path, file.Folder, "(anything)");
                }
            }
        }

        private static string? Resolve(string chain, HashSet<string> namespaces)
        {
            var parts = chain.Split('.');
            for (var n = parts.Length; n > 0; n--)
            {
                var candidate = string.Join('.', parts.Take(n));
                if (namespaces.Contains(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        [GeneratedRegex(@"^\s*namespace\s+Cargo\.Doctor\.?(?<ns>[\w.]*)\s*[;{]", RegexOptions.Multiline)]
        private static partial Regex NamespaceLine();

        [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(?<name>[A-Z]\w*)")]
        private static partial Regex TypeDeclaration();

        /// <summary>Line comments, but not XML doc comments (a cref is a real reference).</summary>
        [GeneratedRegex(@"(?<!/)//(?!/).*$", RegexOptions.Multiline)]
        private static partial Regex PlainComment();

        [GeneratedRegex(@"(?<![\w.])(?:global::)?Cargo\.Doctor\.(?<chain>[A-Z]\w*(?:\.[A-Z]\w*)*)")]
        private static partial Regex Qualified();

        [GeneratedRegex(@"(?<![\w.:])(?<chain>[A-Z]\w*(?:\.[A-Z]\w*)+)")]
        private static partial Regex PartlyQualified();
    }
}

using Cargo.Doctor.Files;

namespace Cargo.Doctor.Reports.Sarif;

/// <summary>Reads the anchor file and names it as code scanning expects: relative to the repository root.</summary>
public static class SarifAnchorFile
{
    /// <summary>The anchor, or null after recording why the file cannot be one in <paramref name="problems"/>.</summary>
    /// <param name="isConfig">A config file: results point at the line naming their schema or the target.</param>
    /// <param name="workspace">GITHUB_WORKSPACE, the checkout folder, when set.</param>
    public static SarifAnchor? Load(string path, string flag, bool isConfig, string? workspace, List<string> problems)
    {
        if (path.Trim().Length == 0 || path.Any(char.IsControl))
        {
            problems.Add($"{flag}: not a file path");
            return null;
        }

        string text;
        try
        {
            text = BoundedRead.FileText(path);
        }
        catch (FileNotFoundException)
        {
            problems.Add($"{flag} '{path}': file not found");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{flag} '{path}': cannot be read ({e.Message})");
            return null;
        }

        var uri = RelativeUri(Path.GetFullPath(path), workspace);
        return isConfig ? SarifAnchor.Config(uri, text) : SarifAnchor.FirstLine(uri, text);
    }

    /// <summary>
    /// Relative to the checkout (GITHUB_WORKSPACE), else to the nearest folder holding <c>.git</c>, else
    /// to the current folder; code scanning reads a relative URI as relative to the repository root
    /// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
    /// A file outside all three is named by its absolute file URI.
    /// </summary>
    public static string RelativeUri(string fullPath, string? workspace)
    {
        var roots = new[] { workspace is { Length: > 0 } w ? Path.GetFullPath(w) : null, GitRoot(fullPath), Directory.GetCurrentDirectory() };
        foreach (var root in roots.OfType<string>())
        {
            var relative = Path.GetRelativePath(root, fullPath);
            if (relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));
            }
        }

        return new Uri(fullPath).AbsoluteUri;
    }

    private static string? GitRoot(string fullPath)
    {
        for (var dir = Path.GetDirectoryName(fullPath); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
            {
                return dir;
            }
        }

        return null;
    }
}

namespace Cargo.Doctor.Cli.Options;

/// <summary>
/// Checks an output path (<c>--out</c> folder, <c>--save-facts</c> file) before anything connects,
/// so a bad path costs a second, not a whole run. Creates nothing: it test-writes a throw-away file
/// (deleted on close) in the nearest folder that already exists.
/// </summary>
internal static class OutputLocation
{
    public static string? FolderProblem(string? path, string flag)
    {
        if (Resolve(path, flag, out var full) is { } problem)
        {
            return problem;
        }

        if (File.Exists(full))
        {
            return $"{flag} '{path}' is a file, not a folder";
        }

        return WritableProblem(full, path!, flag);
    }

    public static string? FileProblem(string? path, string flag)
    {
        if (Resolve(path, flag, out var full) is { } problem)
        {
            return problem;
        }

        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path!))
        {
            return $"{flag} '{path}' is a folder, not a file";
        }

        return WritableProblem(Path.GetDirectoryName(full)!, path!, flag);
    }

    /// <summary>
    /// A file the report writes into <paramref name="outDir"/> (report.json, fix.sql…) named as
    /// <paramref name="path"/>: the report would overwrite it, so the path is refused up front.
    /// </summary>
    public static string? CollisionProblem(string path, string flag, string outDir, IEnumerable<string> reportFileNames)
    {
        if (Resolve(path, flag, out var full) is not null || Resolve(outDir, "--out", out var folder) is not null)
        {
            return null; // Reported by FileProblem and FolderProblem.
        }

        // Linux paths are case-sensitive; Windows and macOS folders usually are not.
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var clash = reportFileNames.FirstOrDefault(name => string.Equals(Path.Combine(folder, name), full, comparison));
        return clash is null ? null : $"{flag} '{path}' is the report's own {clash} in --out: choose another file";
    }

    private static string? Resolve(string? path, string flag, out string full)
    {
        full = "";
        if (string.IsNullOrWhiteSpace(path))
        {
            return $"{flag} is empty: give a path";
        }

        if (path.Any(char.IsControl))
        {
            return $"{flag}: the path contains a control character";
        }

        try
        {
            full = Path.GetFullPath(path);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{flag} '{path}' is not a valid path";
        }
    }

    /// <summary>Walks up to the nearest existing entry: it must be a folder the tool can write in.</summary>
    private static string? WritableProblem(string folder, string path, string flag)
    {
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"{flag} '{path}': '{existing}' is a file, not a folder";
            }

            existing = Path.GetDirectoryName(existing);
            if (existing is null)
            {
                return $"{flag} '{path}': no existing folder on this path";
            }
        }

        try
        {
            var probe = Path.Combine(existing, $".cargo-doctor-write-test-{Guid.NewGuid():N}");
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{flag} '{path}': cannot write in '{existing}' ({e.Message})";
        }
    }
}

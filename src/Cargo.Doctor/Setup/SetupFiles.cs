using Cargo.Doctor.Catalog;

namespace Cargo.Doctor.Setup;

/// <summary>Writes setup.sql, setup-aws.sh (executable) and setup.md into one folder.</summary>
public static class SetupFiles
{
    public static IReadOnlyList<string> Write(string folder, SetupRequest request, CheckCatalog catalog)
    {
        // Render all three before writing any: a catalog problem leaves no half-written setup.
        var files = new[]
        {
            (SetupSqlWriter.FileName, SetupSqlWriter.Write(request, catalog)),
            (SetupAwsScriptWriter.FileName, SetupAwsScriptWriter.Write(request, catalog)),
            (SetupChecklistWriter.FileName, SetupChecklistWriter.Write(request, catalog)),
        };
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            if (name.EndsWith(".sh", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }

            written.Add(path);
        }

        return written;
    }
}

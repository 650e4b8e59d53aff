namespace Cargo.Doctor.Catalog;

/// <summary>Loads <c>checks/*.md</c> from a folder into a validated <see cref="CheckCatalog"/>.</summary>
public static class CatalogLoader
{
    public static CheckCatalog LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CatalogException($"check catalog folder not found: {directory}");
        }

        var files = Directory.GetFiles(directory, "*.md").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new CatalogException($"no check files (*.md) in {directory}");
        }

        return new CheckCatalog(files.Select(f => CheckFileParser.Parse(File.ReadAllText(f), Path.GetFileName(f))));
    }

    /// <summary>
    /// The catalog shipped with the tool: next to the binary (installed tool, publish output),
    /// or the repository's <c>checks/</c> when run from a source tree.
    /// </summary>
    public static CheckCatalog LoadDefault() => LoadDirectory(FindDefaultDirectory());

    /// <summary>
    /// Cargo's own checks (<c>cargo-doctor vendor</c>, <c>checks/vendor/</c>): a catalog of their own, so a customer's
    /// run neither lists nor skips them.
    /// </summary>
    public static CheckCatalog LoadVendor() => LoadDirectory(Path.Combine(FindDefaultDirectory(), "vendor"));

    public static string FindDefaultDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "checks");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "checks");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Cargo.Doctor.sln")))
            {
                return candidate;
            }
        }

        return beside;
    }
}

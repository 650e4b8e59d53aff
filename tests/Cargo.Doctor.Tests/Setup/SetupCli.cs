using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Setup;

/// <summary>Runs <c>cargo-doctor setup</c> as a child process into a fresh folder and reads what it wrote.</summary>
public static class SetupCli
{
    public sealed record Output(CliProcess.Result Process, string Folder)
    {
        public string SqlPath => Path.Combine(Folder, "setup.sql");

        public string ScriptPath => Path.Combine(Folder, "setup-aws.sh");

        public string ChecklistPath => Path.Combine(Folder, "setup.md");

        public string Sql => File.ReadAllText(SqlPath);

        public string Script => File.ReadAllText(ScriptPath);

        public string Checklist => File.ReadAllText(ChecklistPath);
    }

    public static async Task<Output> RunAsync(params string[] args)
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("cargo-setup").FullName, "out");
        var result = await CliProcess.RunAsync(["setup", "--out", folder, .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return new Output(result, folder);
    }
}

using System.Reflection;

namespace Cargo.Doctor;

/// <summary>The version printed by --version and stamped into every report and facts file.</summary>
public static class ToolVersion
{
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}

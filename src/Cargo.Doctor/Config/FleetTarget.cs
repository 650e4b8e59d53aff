namespace Cargo.Doctor.Config;

/// <summary>
/// One entry of the config file's <c>targets:</c>: a full check configuration (the file's top-level
/// sections as defaults, the target's own keys over them), the name that titles its report folder,
/// the environment variable holding its password (never the password) and its own baseline.
/// </summary>
public sealed record FleetTarget(string Name, DoctorConfig Config, string? PasswordEnv, string? Baseline);

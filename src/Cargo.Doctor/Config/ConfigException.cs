namespace Cargo.Doctor.Config;

/// <summary>Bad configuration or arguments: the CLI prints the message and exits with code 2.</summary>
public sealed class ConfigException(string message) : Exception(message);

namespace Cargo.Doctor.Config;

/// <summary>The config file's <c>vendor:</c> section: only what is Cargo's own (issue 25).</summary>
public sealed record VendorConfig
{
    /// <summary>The AWS CLI profile with Cargo's credentials; --profile wins.</summary>
    public string? Profile { get; init; }
}

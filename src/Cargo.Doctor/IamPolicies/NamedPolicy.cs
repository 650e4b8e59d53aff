namespace Cargo.Doctor.IamPolicies;

/// <summary>A policy document as attached to a role: its name (managed policy name or inline policy name) and kind.</summary>
public sealed record NamedPolicy(string Name, PolicySource Source, PolicyDocument Document)
{
    public static NamedPolicy Managed(string name, PolicyDocument document) => new(name, PolicySource.Managed, document);

    public static NamedPolicy Inline(string name, PolicyDocument document) => new(name, PolicySource.Inline, document);

    public static NamedPolicy Boundary(string name, PolicyDocument document) =>
        new(name, PolicySource.PermissionsBoundary, document);

    /// <summary>How findings name it: <c>policy "x"</c>, <c>inline policy "x"</c>, <c>permissions boundary "x"</c>.</summary>
    public string Description => Describe(Name, Source);

    public static string Describe(string name, PolicySource source) => source switch
    {
        PolicySource.Inline => $"inline policy \"{name}\"",
        PolicySource.PermissionsBoundary => $"permissions boundary \"{name}\"",
        _ => $"policy \"{name}\"",
    };
}

using YamlDotNet.Serialization;

namespace Cargo.Doctor.Catalog;

/// <summary>The YAML front matter of a check file, as written.</summary>
internal sealed class CheckFrontMatter
{
    [YamlMember(Alias = "id")]
    public string? Id { get; set; }

    [YamlMember(Alias = "title")]
    public string? Title { get; set; }

    [YamlMember(Alias = "severity")]
    public string? Severity { get; set; }

    [YamlMember(Alias = "area")]
    public string? Area { get; set; }

    [YamlMember(Alias = "order")]
    public int? Order { get; set; }

    [YamlMember(Alias = "depends-on")]
    public List<string>? DependsOn { get; set; }
}

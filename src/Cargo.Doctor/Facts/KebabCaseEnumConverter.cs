using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cargo.Doctor.Facts;

/// <summary>
/// An enum as its kebab-case name (<c>not-connected</c>), the facts file's spelling. Generic, so it
/// needs no runtime code generation (the non-generic <see cref="JsonStringEnumConverter"/> does), and
/// with a parameterless constructor, so a source-generated context can list it.
/// </summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower)
    where TEnum : struct, Enum;

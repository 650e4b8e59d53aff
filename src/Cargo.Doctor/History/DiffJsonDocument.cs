namespace Cargo.Doctor.History;

/// <summary>
/// diff.json as written (schema in docs/schemas/diff.schema.json): named records so that
/// <see cref="DiffJsonContext"/> can generate the serializer at compile time. The parameter order is
/// the property order in the file.
/// </summary>
internal sealed record DiffJsonDocument(
    int SchemaVersion,
    DiffJsonTool Tool,
    string Old,
    string New,
    bool Regressed,
    IReadOnlyDictionary<string, int> Summary,
    IReadOnlyList<DiffJsonCheck> Checks,
    IReadOnlyList<string> Notes);

internal sealed record DiffJsonTool(string Name, string Version);

internal sealed record DiffJsonCheck(
    string CheckId,
    string Title,
    string Change,
    string Before,
    string After,
    IReadOnlyList<string> Appeared,
    IReadOnlyList<string> Disappeared);

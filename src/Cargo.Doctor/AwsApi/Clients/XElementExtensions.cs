using System.Globalization;
using System.Xml.Linq;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>Namespace-agnostic reads of AWS Query XML (elements matched by local name).</summary>
internal static class XElementExtensions
{
    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static string? ChildValue(this XElement element, string localName) => element.Child(localName)?.Value;

    public static string RequiredValue(this XElement element, string localName) =>
        element.ChildValue(localName)
        ?? throw new FormatException($"<{element.Name.LocalName}> has no <{localName}>.");

    public static bool ChildBool(this XElement element, string localName) =>
        string.Equals(element.ChildValue(localName), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>true or false as the element says; null when it is absent or neither.</summary>
    public static bool? ChildBoolOrNull(this XElement element, string localName) =>
        element.ChildValue(localName)?.ToLowerInvariant() switch { "true" => true, "false" => false, _ => null };

    public static int? ChildInt(this XElement element, string localName) =>
        int.TryParse(element.ChildValue(localName), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>Members of a wrapped list: <c>&lt;listName&gt;&lt;member/&gt;...&lt;/listName&gt;</c>, whatever the member name.</summary>
    public static IEnumerable<XElement> ListItems(this XElement element, string listName) =>
        element.Child(listName)?.Elements() ?? [];
}

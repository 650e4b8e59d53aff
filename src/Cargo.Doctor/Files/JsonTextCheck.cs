using System.Text;
using System.Text.Json;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Files;

/// <summary>
/// Checks a JSON input file before it is deserialised, naming the JSON path of the first problem:
/// text that is not valid Unicode (a lone surrogate such as <c>"\ud800"</c>, which System.Text.Json
/// only refuses with an InvalidOperationException when the string is read), and a name holding a
/// control character. Names are printable UTF-8 only
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html); which strings are names is decided
/// by <see cref="NameKinds"/>, the same rule --redact uses. Free text (notes, errors, SQL) may hold
/// line breaks and is escaped for display instead.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>Throws a <see cref="FormatException"/> "$.path: reason"; malformed JSON is left to the parser.</summary>
    /// <param name="refuseNullItems">
    /// A null item in a list: System.Text.Json's nullable checks stop at the list, not its items
    /// (https://learn.microsoft.com/en-us/dotnet/standard/serialization/system-text-json/nullable-annotations),
    /// so for the facts file, whose lists never hold null, it is refused here.
    /// </param>
    public static void Check(string json, bool refuseNullItems = false)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var key = Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, key));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        frames[^1].Property = Read(ref reader, frames, "a property name");
                        break;
                    case JsonTokenType.String:
                        var property = Advance(frames);
                        var text = Read(ref reader, frames, "the text");
                        if (text.Any(char.IsControl) && IsName(frames, property))
                        {
                            throw new FormatException($"{Path(frames)}: a name with a control character (names are printable text)");
                        }

                        break;
                    case JsonTokenType.Null when refuseNullItems && frames.Count > 0 && frames[^1].IsArray:
                        Advance(frames);
                        throw new FormatException($"{Path(frames)}: null in a list");
                    case JsonTokenType.Number:
                        Advance(frames);
                        if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                        {
                            throw new FormatException($"{Path(frames)}: a number too large to read");
                        }

                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the parser that follows reports it with its line.
        }
    }

    private static string Read(ref Utf8JsonReader reader, List<Frame> frames, string what)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FormatException($"{Path(frames)}: {what} is not valid Unicode (a lone surrogate such as \\ud800)");
        }
    }

    /// <summary>Counts an array item; returns the property a value sits under (the array's, for an item).</summary>
    private static string? Advance(List<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return null;
        }

        var frame = frames[^1];
        if (frame.IsArray)
        {
            frame.Index++;
            return frame.Key;
        }

        return frame.Property;
    }

    private static bool IsName(List<Frame> frames, string? property)
    {
        var frame = frames.Count == 0 ? null : frames[^1];
        var container = frame is null ? null : frame.IsArray ? (frames.Count > 1 ? frames[^2].Key : null) : frame.Key;
        return NameKinds.For(property, container) is not null && !NameKinds.IsProtected(property);
    }

    private static string Path(List<Frame> frames)
    {
        var path = new StringBuilder("$");
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(Math.Max(frame.Index, 0)).Append(']');
            }
            else if (frame.Property is { } property)
            {
                path.Append('.').Append(property);
            }
        }

        return DisplayText.Escape(path.ToString());
    }

    private sealed class Frame(bool isArray, string? key)
    {
        public bool IsArray { get; } = isArray;

        /// <summary>The property holding this object or array.</summary>
        public string? Key { get; } = key;

        public string? Property { get; set; }

        public int Index { get; set; } = -1;
    }
}

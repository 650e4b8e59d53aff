using System.Buffers.Binary;
using System.Text;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>One PostgreSQL protocol message: its type byte and its body (without the length).</summary>
public readonly record struct PgMessage(byte Type, byte[] Body)
{
    public char Kind => (char)Type;
}

/// <summary>
/// Reading and writing PostgreSQL v3 protocol frames
/// (https://www.postgresql.org/docs/15/protocol-message-formats.html): the untyped startup packets,
/// typed messages, and the few bodies the stand-in looks into (Parse, Query, ErrorResponse,
/// CommandComplete, Authentication).
/// </summary>
public static class PgFrames
{
    public const int SslRequestCode = 80877103;
    public const int GssEncRequestCode = 80877104;
    public const int CancelRequestCode = 80877102;
    public const int ProtocolVersion3 = 196608;

    /// <summary>A whole startup packet (length included), or null at end of stream.</summary>
    public static async Task<byte[]?> ReadStartupAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[4];
        if (!await ReadExactlyOrEndAsync(stream, header, ct))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 8 or > 10_000)
        {
            throw new InvalidDataException($"startup packet length {length} is out of range");
        }

        var packet = new byte[length];
        header.CopyTo(packet, 0);
        await stream.ReadExactlyAsync(packet.AsMemory(4), ct);
        return packet;
    }

    public static int StartupCode(byte[] packet) => BinaryPrimitives.ReadInt32BigEndian(packet.AsSpan(4));

    /// <summary>The name/value pairs of a StartupMessage (user, database, ...).</summary>
    public static Dictionary<string, string> StartupParameters(byte[] packet)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var offset = 8;
        while (offset < packet.Length && packet[offset] != 0)
        {
            var name = CString(packet, ref offset);
            result[name] = CString(packet, ref offset);
        }

        return result;
    }

    /// <summary>The next typed message, or null at end of stream.</summary>
    public static async Task<PgMessage?> ReadAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[5];
        if (!await ReadExactlyOrEndAsync(stream, header, ct))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        if (length < 4)
        {
            throw new InvalidDataException($"message '{(char)header[0]}' has length {length}");
        }

        var body = new byte[length - 4];
        await stream.ReadExactlyAsync(body, ct);
        return new PgMessage(header[0], body);
    }

    public static byte[] Frame(PgMessage message)
    {
        var frame = new byte[5 + message.Body.Length];
        frame[0] = message.Type;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), message.Body.Length + 4);
        message.Body.CopyTo(frame, 5);
        return frame;
    }

    public static async Task WriteAsync(Stream stream, IEnumerable<PgMessage> messages, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            await stream.WriteAsync(Frame(message), ct);
        }

        await stream.FlushAsync(ct);
    }

    public static Task WriteAsync(Stream stream, PgMessage message, CancellationToken ct) => WriteAsync(stream, [message], ct);

    /// <summary>The query text of a Parse ('P') or Query ('Q') message.</summary>
    public static string QueryText(PgMessage message)
    {
        var offset = 0;
        if (message.Kind == 'P')
        {
            CString(message.Body, ref offset);
        }

        return CString(message.Body, ref offset);
    }

    /// <summary>The same Parse or Query message with another query text (statement name and parameter types kept).</summary>
    public static PgMessage WithQueryText(PgMessage message, string text)
    {
        using var body = new MemoryStream();
        var offset = 0;
        if (message.Kind == 'P')
        {
            WriteCString(body, CString(message.Body, ref offset));
        }

        CString(message.Body, ref offset);
        WriteCString(body, text);
        body.Write(message.Body, offset, message.Body.Length - offset);
        return new PgMessage(message.Type, body.ToArray());
    }

    /// <summary>Authentication request code of an 'R' message (0 ok, 10 SASL, 11 SASL continue, 12 SASL final).</summary>
    public static int AuthenticationCode(PgMessage message) => BinaryPrimitives.ReadInt32BigEndian(message.Body);

    /// <summary>The fields of an ErrorResponse or NoticeResponse, by field code (S, C, M, D, W, ...).</summary>
    public static List<(char Code, string Value)> Fields(PgMessage message)
    {
        var fields = new List<(char, string)>();
        var offset = 0;
        while (offset < message.Body.Length && message.Body[offset] != 0)
        {
            var code = (char)message.Body[offset++];
            fields.Add((code, CString(message.Body, ref offset)));
        }

        return fields;
    }

    /// <summary>An ErrorResponse without some fields (Redshift sends no PL/pgSQL context 'W').</summary>
    public static PgMessage WithoutFields(PgMessage error, params char[] codes)
    {
        using var body = new MemoryStream();
        foreach (var (code, value) in Fields(error).Where(f => !codes.Contains(f.Code)))
        {
            body.WriteByte((byte)code);
            WriteCString(body, value);
        }

        body.WriteByte(0);
        return new PgMessage(error.Type, body.ToArray());
    }

    /// <summary>An ErrorResponse with severity ERROR, a SQLSTATE and a message.</summary>
    public static PgMessage Error(string sqlState, string message)
    {
        using var body = new MemoryStream();
        foreach (var (code, value) in new[] { ('S', "ERROR"), ('V', "ERROR"), ('C', sqlState), ('M', message) })
        {
            body.WriteByte((byte)code);
            WriteCString(body, value);
        }

        body.WriteByte(0);
        return new PgMessage((byte)'E', body.ToArray());
    }

    public static PgMessage CommandComplete(string tag)
    {
        using var body = new MemoryStream();
        WriteCString(body, tag);
        return new PgMessage((byte)'C', body.ToArray());
    }

    public static string CommandTag(PgMessage message)
    {
        var offset = 0;
        return CString(message.Body, ref offset);
    }

    /// <summary>A simple Query message.</summary>
    public static PgMessage Query(string text)
    {
        using var body = new MemoryStream();
        WriteCString(body, text);
        return new PgMessage((byte)'Q', body.ToArray());
    }

    /// <summary>The first column of a DataRow as UTF-8 text (null for SQL NULL).</summary>
    public static string? FirstColumn(PgMessage dataRow)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(dataRow.Body.AsSpan(2));
        return length < 0 ? null : System.Text.Encoding.UTF8.GetString(dataRow.Body, 6, length);
    }

    public static PgMessage CopyData(ReadOnlySpan<byte> data) => new((byte)'d', data.ToArray());

    public static PgMessage CopyDone { get; } = new((byte)'c', []);

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                return read == 0 ? false : throw new EndOfStreamException("connection closed inside a message");
            }

            read += n;
        }

        return true;
    }

    private static string CString(byte[] data, ref int offset)
    {
        var end = Array.IndexOf(data, (byte)0, offset);
        if (end < 0)
        {
            throw new InvalidDataException("unterminated string in a protocol message");
        }

        var value = Encoding.UTF8.GetString(data, offset, end - offset);
        offset = end + 1;
        return value;
    }

    private static void WriteCString(Stream stream, string value)
    {
        stream.Write(Encoding.UTF8.GetBytes(value));
        stream.WriteByte(0);
    }
}

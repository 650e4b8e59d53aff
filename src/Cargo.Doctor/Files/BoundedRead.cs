using System.Text;

namespace Cargo.Doctor.Files;

/// <summary>
/// Reads every input file (facts, report.json, baseline, AWS evidence) and every AWS response body
/// with a size limit, so <c>/dev/zero</c>, a FIFO or a 2 GB file is refused instead of growing memory
/// without bound. The limit is far above any real input: 200,000 tables make a facts file of about 48 MB.
/// </summary>
public static class BoundedRead
{
    /// <summary>256 MiB, documented in the README.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static string LimitText => "256 MB";

    /// <summary>
    /// The file's text (UTF-8, a byte order mark skipped). Only a regular file is opened: a FIFO with
    /// no writer would block in open(2), a device never ends. .NET shows neither as a type, but both
    /// (and /proc files) have size 0 in stat(2), and an empty file is no valid input either, so a size
    /// of 0 is refused before opening. A link is judged by its final target.
    /// </summary>
    public static string FileText(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UnreadableInputException("it is a folder, not a file");
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            info = target;
        }

        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{path}' does not exist", path);
        }

        if (info.Length == 0)
        {
            throw new UnreadableInputException("it is empty or not a regular file (a pipe or a device is not read)");
        }

        if (info.Length > MaxBytes)
        {
            throw TooLarge();
        }

        using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        return Text(stream, MaxBytes, TooLarge);
    }

    /// <summary>A stream's text up to <paramref name="max"/> bytes; beyond that the exception <paramref name="tooLarge"/> makes.</summary>
    public static string Text(Stream stream, long max, Func<Exception> tooLarge)
    {
        using var bytes = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (bytes.Length + read > max)
            {
                throw tooLarge();
            }

            bytes.Write(buffer, 0, read);
        }

        return Decode(bytes);
    }

    /// <summary>The async form, for HTTP response bodies.</summary>
    public static async Task<string> TextAsync(Stream stream, long max, Func<Exception> tooLarge, CancellationToken ct)
    {
        using var bytes = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (bytes.Length + read > max)
            {
                throw tooLarge();
            }

            bytes.Write(buffer, 0, read);
        }

        return Decode(bytes);
    }

    private static string Decode(MemoryStream bytes)
    {
        bytes.Position = 0;
        using var reader = new StreamReader(bytes, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static UnreadableInputException TooLarge() =>
        new($"it is larger than {LimitText}, the limit for an input file");
}

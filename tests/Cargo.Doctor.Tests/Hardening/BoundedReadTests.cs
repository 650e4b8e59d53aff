using System.Diagnostics;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Files;
using Cargo.Doctor.History;
using Cargo.Doctor.Tests.Cli;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Issue 22.10: /dev/zero, a FIFO with no writer and a file over the limit are refused with one line
/// instead of growing memory without bound or blocking at open.
/// </summary>
[Trait("Category", "Cli")]
public sealed class BoundedReadTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cargo-doctor-bounded-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void dev_zero_is_not_read()
    {

        var e = Assert.Throws<FormatException>(() => RunFileReader.Read("/dev/zero", CatalogLoader.LoadDefault()));

        Assert.Equal("/dev/zero: cannot be read: it is empty or not a regular file (a pipe or a device is not read)", e.Message);
    }

    [Fact]
    public async Task a_fifo_without_a_writer_is_refused_without_opening_it()
    {
        var fifo = Path.Combine(folder, "facts.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var e = Assert.Throws<FormatException>(() => RunFileReader.Read(fifo, CatalogLoader.LoadDefault()));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_link_to_a_device_is_judged_by_the_device()
    {
        var link = Path.Combine(folder, "report.json");
        File.CreateSymbolicLink(link, "/dev/zero");

        var e = Assert.Throws<UnreadableInputException>(() => BoundedRead.FileText(link));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    // Issue 22.12: `diff DIR …` said "Access to the path is denied".
    [Fact]
    public void a_folder_given_as_a_file_is_called_a_folder()
    {
        var e = Assert.Throws<FormatException>(() => RunFileReader.Read(folder, CatalogLoader.LoadDefault()));

        Assert.Equal($"{folder}: cannot be read: it is a folder, not a file", e.Message);
    }

    [Fact]
    public void a_file_over_the_limit_is_refused_before_reading()
    {
        // Sparse: no disk space is used for the length.
        var big = Path.Combine(folder, "big.json");
        using (var stream = File.Create(big))
        {
            stream.SetLength(BoundedRead.MaxBytes + 1);
        }

        var e = Assert.Throws<UnreadableInputException>(() => BoundedRead.FileText(big));

        Assert.Equal("it is larger than 256 MB, the limit for an input file", e.Message);
    }

    [Fact]
    public void a_stream_longer_than_its_limit_stops_at_the_limit()
    {
        using var endless = new EndlessStream();

        Assert.Throws<TimeoutException>(() => BoundedRead.Text(endless, 1024 * 1024, () => new TimeoutException("too large")));
        Assert.InRange(endless.Served, 1024 * 1024, (1024 * 1024) + (64 * 1024));
    }

    [Fact]
    public async Task report_facts_dev_zero_is_a_usage_error()
    {
        var outDir = Path.Combine(folder, "out");

        var result = await CliProcess.RunAsync(["report", "--facts", "/dev/zero", "--out", outDir]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("/dev/zero: could not be read: it is empty or not a regular file", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Zeros forever, like /dev/zero, counting what it served.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

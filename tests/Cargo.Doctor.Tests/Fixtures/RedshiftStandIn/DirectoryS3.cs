using System.Text;

namespace Cargo.Doctor.Tests.Fixtures.RedshiftStandIn;

/// <summary>
/// S3 as a temp directory: one folder per bucket, one file per object, the key URL-encoded in the
/// file name (S3 keys are strings, "folders" are only prefixes). Objects are written to a temp file
/// and renamed, so a reader never sees half an object.
/// </summary>
public sealed class DirectoryS3 : IDisposable
{
    public DirectoryS3()
    {
        Root = Directory.CreateTempSubdirectory("standin-s3-").FullName;
    }

    public string Root { get; }

    public void CreateBucket(string bucket) => Directory.CreateDirectory(BucketDir(bucket));

    public bool BucketExists(string bucket) => Directory.Exists(BucketDir(bucket));

    /// <summary>Keys starting with <paramref name="prefix"/>, in S3's (byte-wise) listing order.</summary>
    public IReadOnlyList<string> List(string bucket, string prefix = "") =>
        !BucketExists(bucket)
            ? []
            : Directory.GetFiles(BucketDir(bucket))
                .Select(Path.GetFileName)
                .Where(name => !name!.StartsWith('.'))
                .Select(name => Uri.UnescapeDataString(name!))
                .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(key => key, StringComparer.Ordinal)
                .ToList();

    public byte[] Get(string bucket, string key) => File.ReadAllBytes(ObjectPath(bucket, key));

    public string GetText(string bucket, string key) => Encoding.UTF8.GetString(Get(bucket, key));

    public void Put(string bucket, string key, byte[] content)
    {
        CreateBucket(bucket);
        var temp = Path.Combine(BucketDir(bucket), "." + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(temp, content);
        File.Move(temp, ObjectPath(bucket, key), overwrite: true);
    }

    public void Delete(string bucket, string key) => File.Delete(ObjectPath(bucket, key));

    /// <summary>Every object of every bucket as s3://bucket/key (what a test checks was left behind).</summary>
    public IReadOnlyList<string> AllObjects() =>
        Directory.GetDirectories(Root).OrderBy(d => d, StringComparer.Ordinal)
            .SelectMany(dir => List(Path.GetFileName(dir)).Select(key => $"s3://{Path.GetFileName(dir)}/{key}"))
            .ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string BucketDir(string bucket) =>
        bucket.Length is > 0 and <= 63 && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-') && !bucket.StartsWith('.')
            ? Path.Combine(Root, bucket)
            : throw new ArgumentException($"'{bucket}' is not a bucket name");

    private string ObjectPath(string bucket, string key) => Path.Combine(BucketDir(bucket), Uri.EscapeDataString(key));
}

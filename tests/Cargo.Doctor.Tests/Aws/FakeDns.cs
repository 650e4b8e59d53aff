using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Cargo.Doctor.Tests.Aws;

/// <summary>
/// The DNS answers a test decides, injected where the doctor resolves host names, so no test asks the
/// real network. A name it does not know fails like an unknown host (SocketError.HostNotFound).
/// </summary>
public sealed class FakeDns(IReadOnlyDictionary<string, string[]> answers, string[]? otherNames = null)
{
    /// <summary>A public address (EU Elastic IP range) for the fake cluster and workgroup endpoints.</summary>
    public const string PublicAddress = "52.18.93.44";

    private readonly ConcurrentQueue<string> queries = new();

    /// <summary>Every name resolves to <see cref="PublicAddress"/>: what Cargo sees for a public endpoint.</summary>
    public static FakeDns Public => new(new Dictionary<string, string[]>(), [PublicAddress]);

    public IReadOnlyList<string> Queries => [.. queries];

    public static FakeDns With(params (string Host, string[] Addresses)[] answers) =>
        new(answers.ToDictionary(a => a.Host, a => a.Addresses, StringComparer.OrdinalIgnoreCase));

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        queries.Enqueue(host);
        var addresses = answers.TryGetValue(host, out var known) ? known : otherNames;
        return addresses is null
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(addresses.Select(IPAddress.Parse).ToArray());
    }
}

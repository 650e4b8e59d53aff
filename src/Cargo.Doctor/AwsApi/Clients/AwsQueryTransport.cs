using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Cargo.Doctor.AwsApi.Clients;

/// <summary>AWS Query protocol: form-encoded POST, XML response wrapped in &lt;ActionResult&gt;.</summary>
internal sealed class AwsQueryTransport(SignedAwsHttpClient http, AwsService service, string apiVersion)
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>Calls <paramref name="action"/> and returns its <c>&lt;ActionResult&gt;</c> element.</summary>
    public async Task<XElement> CallAsync(
        string action,
        IEnumerable<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        var form = new StringBuilder()
            .Append("Action=").Append(Uri.EscapeDataString(action))
            .Append("&Version=").Append(Uri.EscapeDataString(apiVersion));
        foreach (var (name, value) in parameters)
        {
            form.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        var request = new AwsRequest(
            service, action, FormContentType, Encoding.UTF8.GetBytes(form.ToString()), NoHeaders, AwsErrorParser.FromXml);
        var body = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);

        try
        {
            var root = XDocument.Parse(body).Root
                ?? throw new XmlException("Empty document.");
            return root.Child(action + "Result") ?? root;
        }
        catch (XmlException e)
        {
            throw MalformedResponse(action, e);
        }
    }

    /// <summary>Follows Marker/IsTruncated (IAM) or Marker-only (Redshift) paging, collecting each page's items.</summary>
    public async Task<IReadOnlyList<T>> CallPagedAsync<T>(
        string action,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        Func<XElement, IEnumerable<T>> readPage,
        CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? marker = null;
        do
        {
            var pageParameters = marker is null
                ? parameters
                : [.. parameters, new KeyValuePair<string, string>("Marker", marker)];
            var result = await CallAsync(action, pageParameters, cancellationToken).ConfigureAwait(false);
            items.AddRange(Read(action, result, readPage));

            var truncated = result.Child("IsTruncated") is not { } flag || flag.Value == "true";
            marker = truncated ? result.ChildValue("Marker") : null;
        }
        while (!string.IsNullOrEmpty(marker));

        return items;
    }

    /// <summary>Runs a parser over a result element; a missing required element becomes MalformedResponse.</summary>
    public T Read<T>(string action, XElement result, Func<XElement, T> parse)
    {
        try
        {
            return parse(result);
        }
        catch (FormatException e)
        {
            throw MalformedResponse(action, e);
        }
    }

    private AwsCallException MalformedResponse(string action, Exception e) =>
        new(service.SigningName, action, service.IamAction(action), 200,
            AwsCallException.MalformedResponseCode, $"Unexpected response: {e.Message}", e);
}

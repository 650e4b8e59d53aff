using System.Globalization;
using Cargo.Doctor.Network;
using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Config;

/// <summary>
/// Maps the config file's YAML tree onto <see cref="DoctorConfig"/>, key by key. A bad value is
/// recorded as "FILE: line N: section.key: what is wrong" and left at its default, so one pass
/// finds every problem.
/// </summary>
internal sealed partial class ConfigFileReader(string name, List<string> problems)
{
    public DoctorConfig Read(YamlNode? root)
    {
        if (root is null || IsNull(root))
        {
            return new DoctorConfig();
        }

        if (root is not YamlMappingNode top)
        {
            Problem(root, "(top level)", "expected keys warehouse, aws, cargo, readOnly, accept, vendor");
            return new DoctorConfig();
        }

        var config = new DoctorConfig();
        YamlNode? targets = null;
        foreach (var (key, value) in Entries(top, ""))
        {
            switch (key)
            {
                case "warehouse":
                    config = config with { Warehouse = Warehouse(value) };
                    break;
                case "aws":
                    config = config with { Aws = Aws(value) };
                    break;
                case "cargo":
                    config = config with { Cargo = Cargo(value) };
                    break;
                case "readOnly":
                    config = config with { ReadOnly = Bool(value, key) ?? false };
                    break;
                case "accept":
                    config = config with { Accept = Items(value, key).Select(Accept).OfType<AcceptEntry>().ToList() };
                    break;
                case "targets":
                    targets = value;
                    break;
                case "vendor":
                    config = config with { Vendor = Vendor(value) };
                    break;
                default:
                    Unknown(value, key, "warehouse, aws, cargo, readOnly, accept, targets, vendor");
                    break;
            }
        }

        return targets is null ? config : config with { Targets = Targets(targets, top) };
    }

    private WarehouseConfig Warehouse(YamlNode node)
    {
        var w = new WarehouseConfig();
        Endpoint? endpoint = null;
        List<string>? databases = null;
        foreach (var (key, value) in Entries(node, "warehouse"))
        {
            var path = "warehouse." + key;
            switch (key)
            {
                case "endpoint":
                    endpoint = Parsed(value, path, Endpoint.Parse);
                    break;
                case "host":
                    w = w with { Host = Checked(value, path, DoctorConfigValidator.IsHost, "is not a DNS name or IP address (IPv6 without brackets here)") ?? w.Host };
                    break;
                case "port":
                    w = w with { Port = Int(value, path, 1, 65535) ?? w.Port };
                    break;
                case "databases":
                    databases = List(value, path);
                    break;
                case "schemas":
                    w = w with { Schemas = Items(value, path).Select(item => Parsed(item, path, SchemaTarget.Parse)).OfType<SchemaTarget>().ToList() };
                    break;
                case "user":
                    w = w with { User = Text(value, path) ?? w.User };
                    break;
                case "loginUser":
                    w = w with { LoginUser = Text(value, path) };
                    break;
                case "functionRole":
                    w = w with { FunctionRole = Text(value, path) ?? w.FunctionRole };
                    break;
                case "sslMode":
                    w = w with { SslMode = Checked(value, path, m => WarehouseSslModes.TryParse(m, out _), $"is not one of {string.Join(", ", WarehouseSslModes.Names)}") is { } mode && WarehouseSslModes.TryParse(mode, out var ssl) ? ssl : w.SslMode };
                    break;
                case "connectTimeout":
                    w = w with { ConnectTimeoutSeconds = Int(value, path, DoctorConfigValidator.MinConnectTimeoutSeconds, DoctorConfigValidator.MaxConnectTimeoutSeconds) ?? w.ConnectTimeoutSeconds };
                    break;
                case "historyDays":
                    w = w with { HistoryDays = Int(value, path, 0, DoctorConfigValidator.MaxHistoryDays) ?? w.HistoryDays };
                    break;
                case "password":
                    Problem(value, path, "not allowed in the config file; set CARGO_DOCTOR_PASSWORD instead (in targets:, name the variable that holds it with passwordEnv)");
                    break;
                default:
                    Unknown(value, path, "endpoint, host, port, databases, schemas, user, loginUser, functionRole, sslMode, connectTimeout, historyDays");
                    break;
            }
        }

        // The endpoint fills host, port and first database; explicit keys win over it.
        if (endpoint is not null)
        {
            w = w with
            {
                Host = w.Host ?? endpoint.Host,
                Port = HasKey(node, "port") ? w.Port : endpoint.Port ?? w.Port,
                LoginUser = w.LoginUser ?? endpoint.LoginUserFor(w.User),
                SslMode = endpoint.SslMode ?? w.SslMode,
            };

            // The URL's sslmode is honoured; a different sslMode key beside it is a contradiction, not an override.
            if (endpoint.SslMode is { } asked && node is YamlMappingNode keys
                && keys.Children.FirstOrDefault(k => k.Key is YamlScalarNode { Value: "sslMode" }).Value is { } modeNode
                && WarehouseSslModes.TryParse(Text(modeNode, "warehouse.sslMode") ?? "", out var given) && given != asked)
            {
                Problem(modeNode, "warehouse.sslMode", $"{given.Text()} contradicts sslmode={asked.Text()} in warehouse.endpoint: give one");
            }
        }

        var fromEndpoint = endpoint?.Database is { } db ? new[] { db } : [];
        return w with { Databases = (databases ?? []).Union(fromEndpoint).ToList() };
    }

    private AwsConfig Aws(YamlNode node)
    {
        var a = new AwsConfig();
        foreach (var (key, value) in Entries(node, "aws"))
        {
            var path = "aws." + key;
            a = key switch
            {
                "region" => a with { Region = Checked(value, path, AwsRegion.IsValid, AwsRegion.Expected) },
                "clusterIdentifier" => a with { ClusterIdentifier = Text(value, path) },
                "workgroup" => a with { Workgroup = Text(value, path) },
                "namespace" => a with { Namespace = Text(value, path) },
                "roleArn" => a with { RoleArn = Checked(value, path, RoleArn.IsValid, RoleArn.Expected) },
                "profile" => a with { Profile = Text(value, path) },
                "evidenceDir" => a with { EvidenceDir = Text(value, path) },
                _ => Unknown(value, path, "region, clusterIdentifier, workgroup, namespace, roleArn, profile, evidenceDir", a),
            };
        }

        if (a.ClusterIdentifier is not null && a.Workgroup is not null && node is YamlMappingNode mapping)
        {
            // Said here, with the line, rather than by the merged check (which would name the flags).
            var workgroup = mapping.Children.First(kv => kv.Key is YamlScalarNode { Value: "workgroup" });
            Problem(workgroup.Key, "aws.workgroup", "give either clusterIdentifier (provisioned) or workgroup (Serverless), not both");
            a = a with { Workgroup = null };
        }

        return a;
    }

    private CargoConfig Cargo(YamlNode node)
    {
        var c = new CargoConfig();
        foreach (var (key, value) in Entries(node, "cargo"))
        {
            var path = "cargo." + key;
            c = key switch
            {
                "ip" => c with { Ips = Items(value, path).Select(item => Checked(item, path, ip => Cidr.TryParse(ip, out _), "is not an IP address or CIDR (e.g. 203.0.113.7 or 203.0.113.0/24)")).OfType<string>().ToList() },
                "roleArn" => c with { RoleArn = Checked(value, path, RoleArn.IsValid, RoleArn.Expected) },
                "bucket" => c with { Bucket = Checked(value, path, BucketName.IsValid, BucketName.Expected) },
                "prefix" => c with { Prefix = Text(value, path) },
                "bucketRegion" => c with { BucketRegion = Checked(value, path, AwsRegion.IsValid, AwsRegion.Expected) },
                _ => Unknown(value, path, "ip, roleArn, bucket, prefix, bucketRegion", c),
            };
        }

        return c;
    }

    /// <summary>
    /// One accept: entry. Check, reason, owner and expires are required; the catalog and the clock
    /// (unknown id, expiry over a year away) are checked later, by AcceptedFindingRules.
    /// </summary>
    private AcceptEntry? Accept(YamlNode node, int index)
    {
        var path = $"accept[{index}]";
        string? check = null, match = null, reason = null, owner = null;
        List<string>? items = null;
        DateOnly? expires = null;
        var badExpiry = false;
        foreach (var (key, value) in Entries(node, path))
        {
            var keyPath = $"{path}.{key}";
            switch (key)
            {
                case "check":
                    check = Text(value, keyPath);
                    break;
                case "match":
                    match = Text(value, keyPath) ?? "";
                    if (AcceptMatch.Problem(match) is { } vague)
                    {
                        Problem(value, keyPath, vague);
                    }

                    break;
                case "items":
                    items = AcceptItems(value, keyPath);
                    break;
                case "reason":
                    reason = Text(value, keyPath);
                    break;
                case "owner":
                    owner = Text(value, keyPath);
                    break;
                case "expires":
                    var text = Text(value, keyPath);
                    if (text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        expires = date;
                    }
                    else if (text is not null)
                    {
                        badExpiry = true;
                        Problem(value, keyPath, $"'{text}' is not a date like 2027-03-31");
                    }

                    break;
                default:
                    Unknown(value, keyPath, "check, items, match, reason, owner, expires");
                    break;
            }
        }

        if (node is not YamlMappingNode)
        {
            return null;
        }

        Required(check, node, path + ".check", "the check id this acceptance is for");
        Required(reason, node, path + ".reason", "say why this finding is accepted");
        Required(owner, node, path + ".owner", "who answers for this acceptance (a team or e-mail)");
        if (!badExpiry)
        {
            Required(expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), node, path + ".expires", "give a date (YYYY-MM-DD) at most a year away");
        }

        return string.IsNullOrWhiteSpace(check) || string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(owner) || expires is null
            ? null
            : new AcceptEntry(check, string.IsNullOrEmpty(match) ? null : match, reason, owner, expires.Value, $"{name}: line {node.Start.Line}: {path}", items);
    }

    /// <summary><c>items:</c> a non-empty list of item keys as the report prints them; a blank one accepts nothing and is refused.</summary>
    private List<string>? AcceptItems(YamlNode node, string path)
    {
        var items = new List<string>();
        var nodes = Items(node, path);
        if (nodes.Count == 0)
        {
            Problem(node, path, "empty: list the items this acceptance is for");
        }

        foreach (var item in nodes)
        {
            var text = Text(item, path);
            if (string.IsNullOrWhiteSpace(text))
            {
                Problem(item, path, "an item is blank: paste the keys listed under the check in report.md (or report.json itemKeys)");
                continue;
            }

            items.Add(text.Trim());
        }

        return items;
    }

    private void Required(string? value, YamlNode node, string path, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(node, path, $"missing: {what}");
        }
    }

    private IEnumerable<(string Key, YamlNode Value)> Entries(YamlNode node, string section)
    {
        if (IsNull(node))
        {
            yield break;
        }

        if (node is not YamlMappingNode mapping)
        {
            Problem(node, section, "expected keys under it");
            yield break;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } k })
            {
                yield return (k, value);
            }
            else
            {
                Problem(key, section, "a key must be a plain word");
            }
        }
    }

    private static bool HasKey(YamlNode node, string key) =>
        node is YamlMappingNode m && m.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == key);

    private string? Text(YamlNode node, string path)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { } value })
        {
            Problem(node, path, "expected a single value");
            return null;
        }

        if (value.Any(char.IsControl))
        {
            Problem(node, path, "contains a control character");
            return null;
        }

        return value;
    }

    /// <summary>A value checked where the file says it, so the problem names the line (the merged check would name the flag).</summary>
    private string? Checked(YamlNode node, string path, Func<string, bool> valid, string problem)
    {
        var text = Text(node, path);
        if (text is not null && !valid(text))
        {
            Problem(node, path, $"'{text}' {problem}");
            return null;
        }

        return text;
    }

    private int? Int(YamlNode node, string path, int min, int max)
    {
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(node, path, $"'{text}' is not a whole number from {min} to {max}");
            return null;
        }

        return value;
    }

    private bool? Bool(YamlNode node, string path)
    {
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            Problem(node, path, $"'{text}' is not true or false");
            return null;
        }

        return value;
    }

    private List<string>? List(YamlNode node, string path) =>
        IsNull(node) ? null : Items(node, path).Select(item => Text(item, path)).OfType<string>().ToList();

    /// <summary>A list's items (a single value counts as a list of one).</summary>
    private IReadOnlyList<YamlNode> Items(YamlNode node, string path)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is YamlScalarNode)
        {
            return [node];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Problem(node, path, "expected a list, like [a, b]");
            return [];
        }

        return sequence.Children.ToList();
    }

    private T? Parsed<T>(YamlNode node, string path, Func<string, T> parse)
        where T : class
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (ConfigException e)
        {
            Problem(node, path, e.Message);
            return null;
        }
    }

    private T Unknown<T>(YamlNode node, string path, string known, T unchanged)
    {
        Unknown(node, path, known);
        return unchanged;
    }

    private void Unknown(YamlNode node, string path, string known) =>
        Problem(node, path, $"unknown key (known here: {known})");

    private void Problem(YamlNode node, string path, string message) =>
        problems.Add($"{name}: line {node.Start.Line}: {path}: {message}");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}

using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Cargo.Doctor.Config;

/// <summary>
/// Reads the YAML config file (see README "Configuration"). A password key is refused on purpose:
/// secrets come only from the environment or a prompt.
/// </summary>
public static class ConfigFile
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static DoctorConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"config file not found: {path}");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static DoctorConfig Parse(string yaml, string name = "config")
    {
        ConfigDocument doc;
        try
        {
            doc = Yaml.Deserialize<ConfigDocument>(yaml) ?? new ConfigDocument();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new ConfigException($"{name}: line {e.Start.Line}: {inner}");
        }

        var w = doc.Warehouse ?? new ConfigDocument.WarehouseSection();
        if (w.Password is not null)
        {
            throw new ConfigException($"{name}: 'password' is not allowed in the config file; set CARGO_DOCTOR_PASSWORD instead");
        }

        var warehouse = new WarehouseConfig();
        if (w.Endpoint is not null)
        {
            var endpoint = Endpoint.Parse(w.Endpoint);
            warehouse = warehouse with
            {
                Host = endpoint.Host,
                Port = endpoint.Port ?? warehouse.Port,
                Databases = endpoint.Database is null ? [] : [endpoint.Database],
            };
        }

        warehouse = warehouse with
        {
            Host = w.Host ?? warehouse.Host,
            Port = w.Port ?? warehouse.Port,
            Databases = w.Databases is { Count: > 0 } ? w.Databases.Union(warehouse.Databases).ToList() : warehouse.Databases,
            Schemas = (w.Schemas ?? []).Select(SchemaTarget.Parse).ToList(),
            User = w.User ?? warehouse.User,
            LoginUser = w.LoginUser,
            FunctionRole = w.FunctionRole ?? warehouse.FunctionRole,
            SslMode = w.SslMode ?? warehouse.SslMode,
            ConnectTimeoutSeconds = w.ConnectTimeout ?? warehouse.ConnectTimeoutSeconds,
        };

        var a = doc.Aws ?? new ConfigDocument.AwsSection();
        var c = doc.Cargo ?? new ConfigDocument.CargoSection();
        return new DoctorConfig
        {
            Warehouse = warehouse,
            Aws = new AwsConfig
            {
                Region = a.Region,
                ClusterIdentifier = a.ClusterIdentifier,
                Workgroup = a.Workgroup,
                Namespace = a.Namespace,
                RoleArn = a.RoleArn,
                Profile = a.Profile,
                EvidenceDir = a.EvidenceDir,
            },
            Cargo = new CargoConfig
            {
                Ips = c.Ip ?? [],
                RoleArn = c.RoleArn,
                Bucket = c.Bucket,
                Prefix = c.Prefix,
                BucketRegion = c.BucketRegion,
            },
            ReadOnly = doc.ReadOnly ?? false,
        };
    }
}

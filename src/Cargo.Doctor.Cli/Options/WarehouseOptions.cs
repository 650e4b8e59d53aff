using System.CommandLine;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli.Options;

/// <summary>Flags for the warehouse side; each overrides the config file's field.</summary>
internal sealed class WarehouseOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "Warehouse endpoint as the console shows it: host:port/database" };

    public Option<string?> User { get; } = new("--user") { Description = "The Cargo database user to check (default cargo_user)" };

    public Option<string?> LoginUser { get; } = new("--login-user") { Description = "Log in as this user (e.g. an admin) instead of the Cargo user; the password is this user's" };

    public Option<string[]> Database { get; } = new("--database") { Description = "A database Cargo uses (repeatable)" };

    public Option<string[]> Schema { get; } = new("--schema") { Description = "A schema Cargo uses, DB.SCHEMA, or DB.SCHEMA:read for SELECT only (repeatable)" };

    public Option<string?> FunctionRole { get; } = new("--function-role") { Description = "Role holding CREATE OR REPLACE FUNCTION (default cargo_create_replace_function)" };

    public Option<string?> SslMode { get; } = new("--sslmode") { Description = "disable, allow, prefer (default), require, verify-ca, verify-full" };

    public Option<int?> ConnectTimeout { get; } = new("--connect-timeout") { Description = "Seconds to wait for a connection (default 15)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Endpoint, User, LoginUser, Database, Schema, FunctionRole, SslMode, ConnectTimeout })
        {
            command.Options.Add(option);
        }
    }

    public WarehouseConfig Apply(ParseResult parse, WarehouseConfig config)
    {
        if (parse.GetValue(Endpoint) is { } endpointText)
        {
            var endpoint = Config.Endpoint.Parse(endpointText);
            config = config with
            {
                Host = endpoint.Host,
                Port = endpoint.Port ?? config.Port,
                Databases = endpoint.Database is null ? config.Databases : [endpoint.Database, .. config.Databases.Where(d => d != endpoint.Database)],
            };
        }

        var databases = parse.GetValue(Database) ?? [];
        var schemas = (parse.GetValue(Schema) ?? []).Select(SchemaTarget.Parse).ToList();
        var timeout = parse.GetValue(ConnectTimeout);
        if (timeout is < 1 or > 600)
        {
            throw new ConfigException("--connect-timeout must be between 1 and 600 seconds");
        }

        var sslMode = parse.GetValue(SslMode);
        if (sslMode is not null)
        {
            Sources.Warehouse.WarehouseConnector.ParseSslMode(sslMode);
        }

        return config with
        {
            Databases = databases.Length > 0 ? config.Databases.Union(databases).ToList() : config.Databases,
            Schemas = schemas.Count > 0 ? schemas : config.Schemas,
            User = parse.GetValue(User) ?? config.User,
            LoginUser = parse.GetValue(LoginUser) ?? config.LoginUser,
            FunctionRole = parse.GetValue(FunctionRole) ?? config.FunctionRole,
            SslMode = sslMode ?? config.SslMode,
            ConnectTimeoutSeconds = timeout ?? config.ConnectTimeoutSeconds,
        };
    }
}

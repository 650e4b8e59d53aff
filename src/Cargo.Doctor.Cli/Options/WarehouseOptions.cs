using System.CommandLine;
using System.Globalization;
using Cargo.Doctor.Config;

namespace Cargo.Doctor.Cli.Options;

/// <summary>Flags for the warehouse side; each overrides the config file's field.</summary>
internal sealed class WarehouseOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint") { HelpName = "host:port/db", Description = "Warehouse endpoint as the console shows it: host:port/database, or a jdbc:redshift:// or postgresql:// URL (IPv6 in brackets; no password: use CARGO_DOCTOR_PASSWORD)" };

    public Option<string?> User { get; } = new("--user") { HelpName = "user", Description = "The Cargo database user to check (default cargo_user)" };

    public Option<string?> LoginUser { get; } = new("--login-user") { HelpName = "user", Description = "Log in as this user (e.g. an admin) instead of the Cargo user; the password is this user's" };

    public Option<string[]> Database { get; } = new("--database") { HelpName = "db", Description = "A database Cargo uses (repeatable)" };

    public Option<string[]> Schema { get; } = new("--schema") { HelpName = "DB.SCHEMA[:read]", Description = "A schema Cargo uses, DB.SCHEMA, or DB.SCHEMA:read for SELECT only (repeatable)" };

    public Option<string?> FunctionRole { get; } = new("--function-role") { HelpName = "role", Description = "Role holding CREATE OR REPLACE FUNCTION (default cargo_create_replace_function)" };

    public Option<string?> SslMode { get; } = new("--sslmode") { HelpName = "disable|allow|prefer|require|verify-ca|verify-full", Description = "disable, allow, prefer (default), require, verify-ca, verify-full" };

    // A string, not an int: System.CommandLine's own error for "abc" names .NET types.
    public Option<string?> ConnectTimeout { get; } = new("--connect-timeout") { HelpName = "seconds", Description = "Seconds to wait for a connection, 1 to 600 (default 15)" };

    public Option<string?> HistoryDays { get; } = new("--history-days") { HelpName = "days", Description = "Days of the Cargo user's statement history to read for failures, 0 (off) to 90 (default 7)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Endpoint, User, LoginUser, Database, Schema, FunctionRole, SslMode, ConnectTimeout, HistoryDays })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Overrides the config's fields with the flags given; a flag that does not parse is recorded, not thrown.</summary>
    public WarehouseConfig Apply(ParseResult parse, WarehouseConfig config, List<string> problems)
    {
        WarehouseSslMode? urlSsl = null;
        if (parse.GetValue(Endpoint) is { } endpointText && Parsed(() => Config.Endpoint.Parse(endpointText), problems) is { } endpoint)
        {
            urlSsl = endpoint.SslMode;
            config = config with
            {
                Host = endpoint.Host,
                Port = endpoint.Port ?? config.Port,
                Databases = endpoint.Database is null ? config.Databases : [endpoint.Database, .. config.Databases.Where(d => d != endpoint.Database)],
                LoginUser = endpoint.LoginUserFor(parse.GetValue(User) ?? config.User) ?? config.LoginUser,
                SslMode = endpoint.SslMode ?? config.SslMode,
            };
        }

        var databases = parse.GetValue(Database) ?? [];
        var schemas = (parse.GetValue(Schema) ?? []).Select(s => Parsed(() => SchemaTarget.Parse(s), problems)).OfType<SchemaTarget>().ToList();
        int? timeout = null;
        if (parse.GetValue(ConnectTimeout) is { } timeoutText)
        {
            timeout = int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
            if (timeout is null)
            {
                problems.Add($"--connect-timeout '{timeoutText}': use a whole number of seconds from {DoctorConfigValidator.MinConnectTimeoutSeconds} to {DoctorConfigValidator.MaxConnectTimeoutSeconds}");
            }
        }

        int? historyDays = null;
        if (parse.GetValue(HistoryDays) is { } daysText)
        {
            historyDays = int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= DoctorConfigValidator.MaxHistoryDays ? days : null;
            if (historyDays is null)
            {
                problems.Add($"--history-days '{daysText}': use a whole number of days from 0 (off) to {DoctorConfigValidator.MaxHistoryDays}");
            }
        }

        var ssl = config.SslMode;
        if (parse.GetValue(SslMode) is { } sslText && !WarehouseSslModes.TryParse(sslText, out ssl))
        {
            problems.Add(sslText.Any(char.IsControl) ? "--sslmode contains a control character" : $"--sslmode '{sslText}': use {string.Join(", ", WarehouseSslModes.Names)}");
            ssl = config.SslMode;
        }
        else if (parse.GetValue(SslMode) is not null && urlSsl is { } asked && asked != ssl)
        {
            // Neither wins silently: one of the two would weaken what the user asked for.
            problems.Add($"--sslmode {ssl.Text()} contradicts sslmode={asked.Text()} in --endpoint: give one");
        }

        return config with
        {
            Databases = databases.Length > 0 ? config.Databases.Union(databases).ToList() : config.Databases,
            Schemas = schemas.Count > 0 ? schemas : config.Schemas,
            User = parse.GetValue(User) ?? config.User,
            LoginUser = parse.GetValue(LoginUser) ?? config.LoginUser,
            FunctionRole = parse.GetValue(FunctionRole) ?? config.FunctionRole,
            SslMode = ssl,
            ConnectTimeoutSeconds = timeout ?? config.ConnectTimeoutSeconds,
            HistoryDays = historyDays ?? config.HistoryDays,
        };
    }

    private static T? Parsed<T>(Func<T> parse, List<string> problems)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (ConfigException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }
}

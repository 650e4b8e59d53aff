using Cargo.Doctor.Facts;
using Cargo.Doctor.Redaction;
using Cargo.Doctor.Tests.Redaction;

namespace Cargo.Doctor.Tests.Cli;

/// <summary>Facts files with a known worst status, for replaying through <c>cargo-doctor report</c>.</summary>
public static class FactsFiles
{
    /// <summary>Everything granted and readable: every db.* check passes.</summary>
    public static FactsSnapshot AllGood() => new()
    {
        ToolVersion = "0.0.9-old",
        StartedAt = DateTimeOffset.UtcNow,
        Target = new TargetDescription { Host = "127.0.0.1", Port = 5439, Databases = ["dev"], Schemas = ["dev.sales"], User = "cargo_user", FunctionRole = "fn_role" },
        Warehouse = new WarehouseFacts
        {
            CargoUser = "cargo_user",
            LoginUser = "cargo_user",
            User = new UserFacts { Exists = true },
            Databases =
            [
                new DatabaseFacts
                {
                    Name = "dev",
                    Connection = new ConnectionFacts { Succeeded = true, SslInUse = true, IsRedshift = true, ServerVersion = "Redshift 1.0" },
                    CanCreate = true,
                    CanTemp = true,
                    Schemas = [new SchemaFacts { Name = "sales", Exists = true, Usage = true, Owner = "admin" }],
                    Tables = [new TablePrivilegeFacts("sales", "orders", "table", "admin", true, true, true, true)],
                    FutureGrants = [new FutureGrantFacts("sales", "admin", "SELECT", "cargo_user", "user", "default"),
                        new FutureGrantFacts("sales", "admin", "INSERT", "cargo_user", "user", "default"),
                        new FutureGrantFacts("sales", "admin", "UPDATE", "cargo_user", "user", "default"),
                        new FutureGrantFacts("sales", "admin", "DELETE", "cargo_user", "user", "default")],
                },
            ],
            Rbac = new RbacFacts
            {
                FunctionRole = "fn_role",
                RoleExists = true,
                RolePrivileges = [new RolePrivilege("fn_role", "CREATE OR REPLACE FUNCTION")],
                UserRoles = [new RoleMembership("fn_role", ["cargo_user", "fn_role"])],
            },
            AssumeRole = new AssumeRoleFacts
            {
                CustomerRoleArn = "arn:aws:iam::123456789012:role/cargo-redshift-access",
                CargoRoleArn = "arn:aws:iam::210987654321:role/cargo-data-loader",
                Copy = true,
                Unload = true,
                Grants = [],
            },
        },
    };

    /// <summary>Only db.connect warns (no SSL).</summary>
    public static FactsSnapshot WarnOnly() => WithDatabase(AllGood(), d => d with { Connection = d.Connection with { SslInUse = false } });

    /// <summary>Table privileges could not be read: db.table-grants is unknown, nothing worse.</summary>
    public static FactsSnapshot UnknownOnly() => WithDatabase(AllGood(), d => d with { PrivilegesGap = new Gap("permission denied", "SELECT on pg_class") });

    /// <summary>A table without INSERT: db.table-grants fails.</summary>
    public static FactsSnapshot Failing() => WithDatabase(AllGood(), d => d with { Tables = [d.Tables[0] with { Insert = false }] });

    public static FactsSnapshot Rich() => FactsRedactorTests.RichFacts();

    public static async Task<string> WriteAsync(FactsSnapshot facts)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cargo-doctor-facts-").FullName, "facts.json");
        await File.WriteAllTextAsync(path, FactsJson.Serialize(facts));
        return path;
    }

    public static FactsSnapshot Redacted(FactsSnapshot facts) => FactsRedactor.Redact(facts);

    private static FactsSnapshot WithDatabase(FactsSnapshot facts, Func<DatabaseFacts, DatabaseFacts> change) =>
        facts with { Warehouse = facts.Warehouse! with { Databases = [change(facts.Warehouse.Databases[0])] } };
}

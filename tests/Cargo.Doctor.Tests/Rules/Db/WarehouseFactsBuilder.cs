using Cargo.Doctor.Engine;
using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;
using Cargo.Doctor.Rules;
using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Rules.Db;

/// <summary>Hand-built facts for rule unit tests: a connected database "dev" with a healthy Cargo user.</summary>
internal static class WarehouseFactsBuilder
{
    public static WarehouseFacts Healthy(params DatabaseFacts[] databases) => new()
    {
        CargoUser = "cargo_user",
        LoginUser = "cargo_user",
        User = new UserFacts { Exists = true },
        Databases = databases.Length > 0 ? databases : [Database()],
        Rbac = new RbacFacts
        {
            FunctionRole = "cargo_create_replace_function",
            RoleExists = true,
            RolePrivileges = [new RolePrivilege("cargo_create_replace_function", "CREATE OR REPLACE FUNCTION")],
            UserRoles = [new RoleMembership("cargo_create_replace_function", ["cargo_user", "cargo_create_replace_function"])],
        },
        AssumeRole = new AssumeRoleFacts
        {
            CustomerRoleArn = "arn:aws:iam::123456789012:role/cargo-redshift-access",
            CargoRoleArn = "arn:aws:iam::210987654321:role/cargo-data-loader",
            Copy = true,
            Unload = true,
            Grants = [],
        },
    };

    public static DatabaseFacts Database(string name = "dev", IReadOnlyList<SchemaFacts>? schemas = null, IReadOnlyList<TablePrivilegeFacts>? tables = null) => new()
    {
        Name = name,
        Connection = new ConnectionFacts { Succeeded = true, SslInUse = true, ServerVersion = "8.0.2" },
        CanCreate = true,
        CanTemp = true,
        Schemas = schemas ?? [new SchemaFacts { Name = "sales", Exists = true, Usage = true, Owner = "admin" }],
        Tables = tables ?? [Table("sales", "orders")],
        FutureGrants = new[] { "SELECT", "INSERT", "UPDATE", "DELETE" }.Select(p => new FutureGrantFacts("sales", "admin", p, "cargo_user", "user", "default")).ToList(),
    };

    public static TablePrivilegeFacts Table(string schema, string name, string privileges = "SIUD", string owner = "admin") =>
        new(schema, name, "table", owner, privileges.Contains('S'), privileges.Contains('I'), privileges.Contains('U'), privileges.Contains('D'));

    public static IReadOnlyList<Finding> Run(WarehouseFacts warehouse) =>
        new CheckRunner(WarehouseScenario.Catalog, RuleSet.All).Run(new FactsSnapshot
        {
            ToolVersion = "test",
            StartedAt = DateTimeOffset.UnixEpoch,
            Target = new TargetDescription { Host = "example.com", Port = 5439 },
            Warehouse = warehouse,
        });

    public static Finding Find(this IReadOnlyList<Finding> findings, string id) => findings.Single(f => f.CheckId == id);
}

using Cargo.Doctor.Facts;
using Cargo.Doctor.Findings;

namespace Cargo.Doctor.Rules.Db;

/// <summary>The precondition every db.* rule shares: the warehouse was examined.</summary>
internal static class WarehouseRequirement
{
    public static bool TryGet(RuleContext context, out WarehouseFacts warehouse, out Finding notExamined)
    {
        warehouse = context.Facts.Warehouse!;
        notExamined = context.Skipped("the warehouse was not examined (no --endpoint given)");
        return warehouse is not null;
    }

    /// <summary>Databases whose connection worked: the others are reported by db.connect.</summary>
    public static IEnumerable<DatabaseFacts> Connected(WarehouseFacts warehouse) =>
        warehouse.Databases.Where(d => d.Connection.Succeeded);
}

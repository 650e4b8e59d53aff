using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>Default privileges and scoped permissions on tables of the configured schemas.</summary>
internal static class FutureGrantsReader
{
    public static async Task<(IReadOnlyList<FutureGrantFacts>, Gap?)> ReadAsync(
        WarehouseSession session, IReadOnlyList<string> schemas, CancellationToken ct)
    {
        var lists = new Dictionary<string, IReadOnlyList<string>> { ["schemas"] = schemas };
        try
        {
            var (defaultSql, defaultParameters) = WarehouseQuery.Load("default-privileges").Bind(lists: lists);
            var defaults = await session.QueryAsync(defaultSql, defaultParameters, r => new FutureGrantFacts(
                DbValue.Text(r, 0), DbValue.Text(r, 1), DbValue.Text(r, 2)!, DbValue.Text(r, 3) ?? "", DbValue.Text(r, 4) ?? "", "default"), ct);

            var (scopedSql, scopedParameters) = WarehouseQuery.Load("scoped-privileges").Bind(lists: lists);
            var scoped = await session.QueryAsync(scopedSql, scopedParameters, r => new FutureGrantFacts(
                DbValue.Text(r, 0), null, DbValue.Text(r, 1)!, DbValue.Text(r, 2) ?? "", DbValue.Text(r, 3) ?? "", "scoped"), ct);
            return ([.. defaults, .. scoped], null);
        }
        catch (PostgresException e)
        {
            return ([], new Gap($"could not read default privileges in \"{session.Database}\": {e.MessageText}", "ACCESS SYSTEM TABLE"));
        }
    }
}

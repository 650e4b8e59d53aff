using Cargo.Doctor.Facts;
using Npgsql;

namespace Cargo.Doctor.Sources.Warehouse;

/// <summary>
/// db.assume-role-privilege: has_assumerole_privilege for COPY and UNLOAD on the whole chain, and the
/// explicit grants of that chain in svv_iam_privileges. Two statements at most, once per run (the
/// privilege is cluster-wide). A statement that fails is a gap, never an exception.
/// </summary>
internal static class AssumeRoleFactsReader
{
    public static async Task<AssumeRoleFacts> ReadAsync(
        WarehouseSession session, string user, string login, bool loginIsSuperuser, RoleChain chain, CancellationToken ct)
    {
        var facts = new AssumeRoleFacts { CustomerRoleArn = chain.CustomerRoleArn, CargoRoleArn = chain.CargoRoleArn };
        var chainParameter = new Dictionary<string, object> { ["chain"] = facts.Chain() };
        if (loginIsSuperuser || login == user)
        {
            try
            {
                var (sql, parameters) = WarehouseQuery.Load("assumerole-privilege").Bind(new Dictionary<string, object> { ["user"] = user, ["chain"] = facts.Chain() });
                var row = (await session.QueryAsync(sql, parameters, r => (Copy: DbValue.Flag(r, 0), Unload: DbValue.Flag(r, 1)), ct))[0];
                facts = facts with { Copy = row.Copy, Unload = row.Unload };
            }
            catch (PostgresException e)
            {
                facts = facts with { PrivilegeGap = new Gap($"has_assumerole_privilege failed: {e.MessageText}") };
            }
        }
        else
        {
            facts = facts with
            {
                PrivilegeGap = new Gap(
                    $"has_assumerole_privilege was not asked: it shows a regular login (\"{login}\") only its own privileges " +
                    "(https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_ASSUMEROLE_PRIVILEGE.html)",
                    "a login as the Cargo user itself or as a superuser"),
            };
        }

        try
        {
            var (sql, parameters) = WarehouseQuery.Load("iam-privileges").Bind(chainParameter);
            var grants = await session.QueryAsync(sql, parameters, r => new IamPrivilegeGrant(DbValue.Text(r, 0)!, DbValue.Text(r, 1)!, DbValue.Text(r, 2)!, DbValue.Text(r, 3) == "all"), ct);
            return facts with { Grants = grants.Distinct().ToList() };
        }
        catch (PostgresException e)
        {
            return facts with { GrantsGap = new Gap($"could not read svv_iam_privileges: {e.MessageText}", "ACCESS SYSTEM TABLE") };
        }
    }
}

/// <summary>The roles COPY and UNLOAD chain: the customer's role (attached to the warehouse), then Cargo's.</summary>
public sealed record RoleChain(string CustomerRoleArn, string CargoRoleArn);

using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>db.user-exists: the Cargo user is in pg_user.</summary>
public sealed class UserExistsRule : IRule
{
    public const string Id = "db.user-exists";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        if (warehouse.User is null)
        {
            return context.Unknown("no database connection succeeded, so the user catalog could not be read");
        }

        if (!warehouse.User.Exists)
        {
            return context.Fail(
                $"user \"{warehouse.CargoUser}\" does not exist",
                [$"looked up in pg_catalog.pg_user as \"{warehouse.LoginUser}\""],
                context.Remedy("create-user", ("user", SqlQuote.Ident(warehouse.CargoUser))));
        }

        var note = warehouse.User.IsSuperuser
            ? " (it is a superuser: it works, but Cargo needs only the grants in the setup guide)"
            : "";
        return context.Pass($"user \"{warehouse.CargoUser}\" exists{note}");
    }
}

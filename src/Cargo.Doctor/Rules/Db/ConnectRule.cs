using Cargo.Doctor.Findings;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Rules.Db;

/// <summary>db.connect: every configured database accepts the login, preferably over SSL.</summary>
public sealed class ConnectRule : IRule
{
    public const string Id = "db.connect";

    public string CheckId => Id;

    public Finding Evaluate(RuleContext context)
    {
        if (!WarehouseRequirement.TryGet(context, out var warehouse, out var skipped))
        {
            return skipped;
        }

        if (warehouse.Databases.Count == 0)
        {
            return context.Skipped("no database configured (pass --endpoint host:port/database or --database)");
        }

        var target = context.Facts.Target;
        var failed = warehouse.Databases.Where(d => !d.Connection.Succeeded).ToList();
        if (failed.Count > 0)
        {
            // A missing database whose name exists in another case: the fix is the spelling that exists
            // (Redshift folds names to lower case: https://docs.aws.amazon.com/redshift/latest/dg/r_names.html),
            // never a CREATE DATABASE that would collide with it.
            var otherCase = failed.Where(d => d.Connection.FailureKind == "database-missing" && d.OtherSpellings.Count > 0).ToList();
            var remediation = otherCase
                .SelectMany(d => context.Remedy("database-other-case",
                    ("database", SqlQuote.Ident(d.Name)),
                    ("existing", string.Join(" or ", d.OtherSpellings.Select(SqlQuote.Ident))),
                    ("existing_option", ShellQuote.Arg(d.OtherSpellings[0]))))
                .ToList();
            remediation.AddRange(failed.Except(otherCase)
                .GroupBy(d => d.Connection.FailureKind ?? "other")
                .SelectMany(g => context.Remedy(
                    context.Descriptor.Remediation.ContainsKey(g.Key) ? g.Key : "other",
                    ("user", SqlQuote.Ident(warehouse.LoginUser)),
                    ("database", SqlQuote.Ident(g.First().Name)),
                    ("host", target.Host ?? "?"),
                    ("port", target.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"))));
            var details = failed.Select(d => new DetailItem($"{d.Name}: {d.Connection.FailureMessage}", ItemKey.Of(("database", d.Name), ("state", "cannot-connect")))).ToList();
            var summary = failed.Count == 1
                ? $"cannot connect to database \"{failed[0].Name}\": {failed[0].Connection.FailureMessage}"
                : $"cannot connect to {failed.Count} of {warehouse.Databases.Count} databases";
            return context.FailItems(summary, details, remediation);
        }

        // Connected, then the connection dropped before the first catalog read (no user facts): every
        // other check says nothing could be read, so this one must not pass either.
        if (warehouse.User is null && warehouse.Databases.FirstOrDefault(d => d.PrivilegesGap is not null) is { } dropped)
        {
            var reason = dropped.PrivilegesGap!.ToString();
            return LostConnection(reason)
                ? context.Fail($"connected to database \"{dropped.Name}\", but the connection did not hold: {reason}", [$"{dropped.Name}: {reason}"])
                : context.Unknown($"connected to database \"{dropped.Name}\", but nothing could be read: {reason}");
        }

        var first = warehouse.Databases[0].Connection;
        var connectedDetails = warehouse.Databases
            .Select(d => new DetailItem(
                $"{d.Name}: connected as \"{warehouse.LoginUser}\", SSL {(d.Connection.SslInUse ? "in use" : "NOT in use")}",
                ItemKey.Of(("database", d.Name), ("ssl", d.Connection.SslInUse ? "in-use" : "not-in-use"))))
            .Prepend(new DetailItem($"server: {first.ServerVersion}", ItemKey.Of(("about", "server-version"))))
            .ToList();
        var withoutSsl = warehouse.Databases.Where(d => !d.Connection.SslInUse).Select(d => d.Name).ToList();
        if (withoutSsl.Count > 0)
        {
            return context.WarnItems(
                $"connected to {warehouse.Databases.Count} database(s), but without SSL ({string.Join(", ", withoutSsl)})",
                connectedDetails,
                context.Remedy("no-ssl"));
        }

        return context.PassItems($"connected to {warehouse.Databases.Count} database(s) as \"{warehouse.LoginUser}\" over SSL", connectedDetails);
    }

    /// <summary>The reasons WarehouseSession gives when the connection itself went away (lost, closed, timed out).</summary>
    private static bool LostConnection(string reason) =>
        reason.Contains("was lost", StringComparison.Ordinal) || reason.Contains("is closed", StringComparison.Ordinal)
        || reason.Contains("did not finish within", StringComparison.Ordinal);
}

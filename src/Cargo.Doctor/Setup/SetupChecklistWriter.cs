using System.Globalization;
using System.Text;
using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.Findings;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Network;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Setup;

/// <summary>
/// setup.md: the steps of setup.sql and setup-aws.sh as a checklist with the console paths, for
/// customers who do not use psql or the AWS CLI. Same catalog templates, same names.
/// </summary>
public static class SetupChecklistWriter
{
    public const string FileName = "setup.md";

    public static string Write(SetupRequest request, CheckCatalog catalog)
    {
        var config = request.Config;
        var user = SqlQuote.Ident(config.Warehouse.User);
        var md = new StringBuilder();
        md.AppendLine("# Cargo setup checklist").AppendLine();
        md.AppendLine($"Written by cargo-doctor {ToolVersion.Current} for your names; `setup.sql` and `setup-aws.sh` hold the same steps as scripts.");
        md.AppendLine("Tick each box when done, then run `cargo-doctor check` with the same options: every check should pass.").AppendLine();

        md.AppendLine("## 1. The database user and its grants").AppendLine();
        md.AppendLine("As a superuser (Redshift console → **Query editor v2**, or psql). Users and roles belong to the whole warehouse: create them once.").AppendLine();
        Item(md, "Create the Cargo user. `<strong_password>` is a placeholder Redshift rejects: replace it with a password of 8 to 64 characters with an upper-case letter, a lower-case letter and a digit, and give it to Cargo.",
            SetupTemplate.Render(catalog, "db.user-exists", "create-user", ("user", user)));
        Item(md, "Create the function role, let it create functions, grant it to the user.",
            SetupTemplate.Render(catalog, "db.function-role", "create-role", ("role", SqlQuote.Ident(config.Warehouse.FunctionRole)), ("user", user)));
        foreach (var (database, schemas) in request.Databases)
        {
            var db = SqlQuote.Ident(database);
            md.AppendLine($"### Database {MarkdownText.Escape(database)}").AppendLine();
            Item(md, "All privileges on the database (CREATE and TEMP).", SetupTemplate.Render(catalog, "db.database-privileges", "grant-database", ("database", db), ("user", user)));
            foreach (var schema in schemas)
            {
                var values = new[] { ("database", db), ("schema", SqlQuote.Ident(schema.Schema)), ("user", user), ("privileges", schema.ReadOnly ? "SELECT" : "SELECT, INSERT, UPDATE, DELETE") };
                var name = MarkdownText.Escape(schema.Schema) + (schema.ReadOnly ? " (read only)" : "");
                Item(md, $"Schema {name}: USAGE.", SetupTemplate.Render(catalog, "db.schema-usage", "grant-usage", values));
                Item(md, $"Schema {name}: its tables and views.", SetupTemplate.Render(catalog, "db.table-grants", "grant-all-tables", values));
                Item(md, $"Schema {name}: tables created later.", SetupTemplate.Render(catalog, "db.future-grants", "scoped-permissions", values));
            }
        }

        md.AppendLine("## 2. The IAM role Redshift uses to reach Cargo's bucket").AppendLine();
        var trust = RemediationPolicies.RedshiftTrustPolicy(request.IsServerless);
        Item(md, $"Create the role {MarkdownText.Escape(request.CustomerRoleName)} (skip if it exists).", SetupTemplate.Render(catalog, "iam.trust-policy", "create-role",
            ("role", request.CustomerRoleName), ("role_sh", ShellQuote.Arg(request.CustomerRoleName)), ("policy", trust), ("policy_sh", ShellQuote.Arg(trust))));
        if (config.Cargo.RoleArn is { } cargoRole)
        {
            var policy = RemediationPolicies.CargoPermissionPolicy(cargoRole);
            Item(md, "Let it assume Cargo's role.", SetupTemplate.Render(catalog, "iam.assume-cargo-role", "add-permission",
                InlinePolicyStep.Values(request.CustomerRoleName, SetupAwsScriptWriter.PolicyName, policy)));
        }
        else
        {
            md.AppendLine("- [ ] Let it assume Cargo's role: pass `--cargo-role-arn` to `cargo-doctor setup` to get this step.").AppendLine();
        }

        Warehouse(md, catalog, request);
        SetupNetworkChecklist.Write(md, config);
        return md.ToString();
    }

    private static void Warehouse(StringBuilder md, CheckCatalog catalog, SetupRequest request)
    {
        var aws = request.Config.Aws;
        md.AppendLine("## 3. The warehouse: role, network, public access").AppendLine();
        if (aws.Region is not { } regionName || (aws.ClusterIdentifier is null && aws.Workgroup is null))
        {
            md.AppendLine("Pass `--region` and `--cluster` or `--workgroup` to `cargo-doctor setup` to get these steps.").AppendLine();
            return;
        }

        var region = ShellQuote.Arg(regionName);
        var roleArn = request.CustomerRoleArnPlaceholder;
        if (aws.ClusterIdentifier is { } cluster)
        {
            Item(md, "Attach the role to the cluster.", SetupTemplate.Render(catalog, "iam.role-attached", "attach-provisioned", ("cluster", cluster),
                ("cluster_sh", ShellQuote.Arg(cluster)), ("role", request.CustomerRoleName), ("role_sh", ShellQuote.Arg(roleArn)), ("region_sh", region)));
        }
        else
        {
            var ns = aws.Namespace ?? "(the workgroup's namespace)";
            Item(md, "Attach the role to the namespace, keeping the roles already attached (`setup-aws.sh` reads them for you).", SetupTemplate.Render(catalog,
                "iam.role-attached", "attach-serverless-read-now", ("namespace", ns), ("namespace_sh", ShellQuote.Arg(ns)),
                ("roles_sh", "<roles already attached> " + ShellQuote.Arg(roleArn)), ("default_role_sh", "<current default role>"), ("region_sh", region)));
        }

        var port = request.Config.Warehouse.Port.ToString(CultureInfo.InvariantCulture);
        foreach (var ip in request.Config.Cargo.Ips.Select(ip => Cidr.Parse(ip)).Where(ip => !CargoIpRanges.IsWide(ip)))
        {
            var common = new[] { ("group", "the warehouse's VPC security group"), ("group_sh", "<security_group_id>"), ("port", port), ("cidr", ip.ToString()), ("region_sh", region) };
            Item(md, $"Let Cargo's IP {ip} in on the warehouse port (the port of the endpoint; {port} unless you changed it).", ip.IsIpv6
                ? SetupTemplate.Render(catalog, "net.ingress", "authorize-ipv6", [.. common, ("permissions_sh", ShellQuote.Arg($"IpProtocol=tcp,FromPort={port},ToPort={port},Ipv6Ranges=[{{CidrIpv6={ip},Description=Cargo}}]"))])
                : SetupTemplate.Render(catalog, "net.ingress", "authorize-ipv4", [.. common, ("cidr_sh", ShellQuote.Arg(ip.ToString()))]));
        }

        Item(md, "Make the warehouse publicly accessible (Cargo does not connect over SSH).", aws.ClusterIdentifier is { } id
            ? SetupTemplate.Render(catalog, "net.publicly-accessible", "provisioned", ("cluster", id), ("cluster_sh", ShellQuote.Arg(id)), ("region_sh", region))
            : SetupTemplate.Render(catalog, "net.publicly-accessible", "serverless", ("workgroup", aws.Workgroup!), ("workgroup_sh", ShellQuote.Arg(aws.Workgroup!)), ("region_sh", region)));
    }

    /// <summary>One checklist item: the title, then each template block (prose, or code in a fence).</summary>
    private static void Item(StringBuilder md, string title, IReadOnlyList<RemediationStep> steps)
    {
        md.AppendLine($"- [ ] {title}").AppendLine();
        foreach (var step in steps)
        {
            var text = step.Kind == "console" ? step.Text : MarkdownText.Fence(step.Text, step.Kind is "sql-alternative" ? "sql" : step.Kind).TrimEnd('\n');
            foreach (var line in text.Split('\n'))
            {
                md.AppendLine(line.Length == 0 ? "" : "  " + line);
            }

            md.AppendLine();
        }
    }
}

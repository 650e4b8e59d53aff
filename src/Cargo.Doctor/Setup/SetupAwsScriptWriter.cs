using System.Globalization;
using System.Text;
using Cargo.Doctor.AwsScripts;
using Cargo.Doctor.Catalog;
using Cargo.Doctor.IamPolicies;
using Cargo.Doctor.Network;
using Cargo.Doctor.Quoting;

namespace Cargo.Doctor.Setup;

/// <summary>
/// setup-aws.sh: the AWS steps of the setup guide as <c>aws</c> CLI commands from the catalog
/// templates the fixes use. Every step reads the current state first and changes only what is
/// missing, so the script can run again: an existing role is kept, a role already attached is not
/// attached twice, the roles already on a namespace stay, an existing ingress rule is not added twice.
/// Values the script cannot know in advance (security groups, port, attached roles) are read at run
/// time into shell variables; every other value is shell-quoted here.
/// </summary>
public static class SetupAwsScriptWriter
{
    public const string FileName = "setup-aws.sh";

    /// <summary>The inline policy name; the same as iam.assume-cargo-role's fix writes (AssumeCargoRoleRule.PolicyName).</summary>
    public const string PolicyName = InlinePolicyStep.DefaultName;

    public static string Write(SetupRequest request, CheckCatalog catalog)
    {
        var aws = request.Config.Aws;
        var sh = new StringBuilder();
        sh.Append(Header());
        var role = ShellQuote.Arg(request.CustomerRoleName);

        sh.AppendLine().AppendLine($"# ==== 1. IAM role {Comment(request.CustomerRoleName)} that Redshift assumes (iam.trust-policy)");
        var trust = RemediationPolicies.RedshiftTrustPolicy(request.IsServerless);
        var create = Sh(catalog, "iam.trust-policy", "create-role", ("role", request.CustomerRoleName), ("role_sh", role), ("policy", trust), ("policy_sh", ShellQuote.Arg(trust)));
        sh.AppendLine($"if aws iam get-role --role-name {role} >/dev/null 2>&1; then");
        sh.AppendLine("  echo \"role exists: kept as it is (cargo-doctor check verifies its trust policy)\"");
        sh.AppendLine("else");
        sh.AppendLine($"  already_done EntityAlreadyExists {create}");
        sh.AppendLine("fi");
        sh.AppendLine($"role_arn=$(aws iam get-role --role-name {role} --query Role.Arn --output text)");

        sh.AppendLine().AppendLine("# ==== 2. Its permission to assume Cargo's role (iam.assume-cargo-role)");
        if (request.Config.Cargo.RoleArn is { } cargoRole)
        {
            var policy = RemediationPolicies.CargoPermissionPolicy(cargoRole);
            sh.AppendLine("# put-role-policy replaces an inline policy of the same name");
            sh.AppendLine("# (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html): added when absent, kept when the same, else the script stops.");
            sh.AppendLine(Sh(catalog, "iam.assume-cargo-role", "add-permission", InlinePolicyStep.Values(request.CustomerRoleName, PolicyName, policy)));
        }
        else
        {
            sh.AppendLine("# skipped: pass --cargo-role-arn (the ARN of the role Cargo created for you) and run cargo-doctor setup again.");
        }

        if (aws.Region is not { } regionName || (aws.ClusterIdentifier is null && aws.Workgroup is null))
        {
            sh.AppendLine().AppendLine("# ==== 3-5. Attach the role, open the port to Cargo, public access: skipped.");
            sh.AppendLine("# Pass --region and --cluster (provisioned) or --workgroup (Serverless) and run cargo-doctor setup again.");
            return sh.ToString();
        }

        var region = ShellQuote.Arg(regionName);
        if (aws.ClusterIdentifier is { } clusterId)
        {
            Provisioned(sh, catalog, request, clusterId, region);
        }
        else
        {
            Serverless(sh, catalog, request, aws.Workgroup!, aws.Namespace, region);
        }

        sh.AppendLine().AppendLine("echo \"done: run cargo-doctor check with the same options to verify\"");
        sh.AppendLine("# The last AWS step of the setup guide: give Cargo the ARN of this role.");
        sh.AppendLine("echo \"give Cargo this role ARN: $role_arn\"");
        return sh.ToString();
    }

    private static void Provisioned(StringBuilder sh, CheckCatalog catalog, SetupRequest request, string clusterId, string region)
    {
        var cluster = ShellQuote.Arg(clusterId);
        var describe = $"aws redshift describe-clusters --cluster-identifier {cluster} --region {region}";
        sh.AppendLine().AppendLine($"# ==== 3. Attach the role to cluster {Comment(clusterId)} (iam.role-attached)");
        sh.AppendLine($"attached_text=$({describe} --query 'Clusters[0].IamRoles[].IamRoleArn' --output text)");
        sh.AppendLine("read -r -a attached <<<\"$attached_text\"");
        sh.AppendLine("if has_word \"$role_arn\" ${attached[@]+\"${attached[@]}\"}; then");
        sh.AppendLine("  echo \"role already attached\"");
        sh.AppendLine("else");
        sh.AppendLine("  " + Sh(catalog, "iam.role-attached", "attach-provisioned", ("cluster", clusterId), ("cluster_sh", cluster), ("role", request.CustomerRoleName),
            ("role_sh", "\"$role_arn\""), ("region_sh", region)));
        sh.AppendLine("fi");

        Ingress(sh, catalog, request, clusterId, region,
            $"{describe} --query 'Clusters[0].Endpoint.Port' --output text",
            $"{describe} --query 'Clusters[0].VpcSecurityGroups[].VpcSecurityGroupId' --output text");

        sh.AppendLine().AppendLine($"# ==== 5. Public access (net.publicly-accessible): Cargo connects from the internet, not over SSH");
        sh.AppendLine($"public=$({describe} --query 'Clusters[0].PubliclyAccessible' --output text)");
        sh.AppendLine("if [[ $public == True ]]; then");
        sh.AppendLine("  echo \"cluster already publicly accessible\"");
        sh.AppendLine("else");
        sh.AppendLine("  # the role attached in step 3 may still be applied: a second change meanwhile fails with InvalidClusterState");
        sh.AppendLine("  " + ClusterReadyWait.Call(clusterId, request.Config.Aws.Region!));
        sh.AppendLine("  " + Sh(catalog, "net.publicly-accessible", "provisioned", ("cluster", clusterId), ("cluster_sh", cluster), ("region_sh", region)));
        sh.AppendLine("fi");
    }

    private static void Serverless(StringBuilder sh, CheckCatalog catalog, SetupRequest request, string workgroupName, string? namespaceName, string region)
    {
        var workgroup = ShellQuote.Arg(workgroupName);
        var describe = $"aws redshift-serverless get-workgroup --workgroup-name {workgroup} --region {region}";
        sh.AppendLine().AppendLine($"# ==== 3. Attach the role to the namespace of workgroup {Comment(workgroupName)} (iam.role-attached)");
        sh.AppendLine(namespaceName is null
            ? $"namespace=$({describe} --query workgroup.namespaceName --output text)"
            : $"namespace={ShellQuote.Arg(namespaceName)}");
        var get = $"aws redshift-serverless get-namespace --namespace-name \"$namespace\" --region {region}";
        sh.AppendLine("# GetNamespace lists each role as an ARN or as the text IamRole(applyStatus=..., iamRoleArn=...).");
        sh.AppendLine($"listed_text=$({get} --query 'namespace.iamRoles' --output text)");
        sh.AppendLine("IFS=$'\\t' read -r -a listed <<<\"$listed_text\"");
        sh.AppendLine($"default_role=$({get} --query 'namespace.defaultIamRoleArn' --output text)");
        sh.AppendLine("roles=()");
        sh.AppendLine("for item in ${listed[@]+\"${listed[@]}\"}; do");
        sh.AppendLine("  arn=${item#*iamRoleArn=}; arn=${arn%%)*}; arn=${arn%%, *}");
        sh.AppendLine("  if [[ -n $arn && $arn != None ]]; then roles+=(\"$arn\"); fi");
        sh.AppendLine("done");
        sh.AppendLine("if has_word \"$role_arn\" ${roles[@]+\"${roles[@]}\"}; then");
        sh.AppendLine("  echo \"role already attached\"");
        sh.AppendLine("else");
        sh.AppendLine("  roles+=(\"$role_arn\")");
        sh.AppendLine("  [[ -n $default_role && $default_role != None ]] || default_role=$role_arn");
        sh.AppendLine("  " + Sh(catalog, "iam.role-attached", "attach-serverless-read-now", ("namespace", namespaceName ?? "(the workgroup's)"), ("namespace_sh", "\"$namespace\""),
            ("roles_sh", "${roles[@]+\"${roles[@]}\"}"), ("default_role_sh", "\"$default_role\""), ("region_sh", region)));
        sh.AppendLine("fi");

        Ingress(sh, catalog, request, workgroupName, region,
            $"{describe} --query 'workgroup.port' --output text",
            $"{describe} --query 'workgroup.securityGroupIds' --output text");

        sh.AppendLine().AppendLine($"# ==== 5. Public access (net.publicly-accessible): Cargo connects from the internet, not over SSH");
        sh.AppendLine($"public=$({describe} --query 'workgroup.publiclyAccessible' --output text)");
        sh.AppendLine("if [[ $public == True ]]; then");
        sh.AppendLine("  echo \"workgroup already publicly accessible\"");
        sh.AppendLine("else");
        sh.AppendLine("  " + Sh(catalog, "net.publicly-accessible", "serverless", ("workgroup", workgroupName), ("workgroup_sh", workgroup), ("region_sh", region)));
        sh.AppendLine("fi");
    }

    private static void Ingress(StringBuilder sh, CheckCatalog catalog, SetupRequest request, string target, string region, string portQuery, string groupsQuery)
    {
        sh.AppendLine().AppendLine($"# ==== 4. Let each Cargo IP in on the warehouse port (net.ingress)");
        var ips = request.Config.Cargo.Ips.Select(ip => Cidr.Parse(ip)).ToList();
        if (ips.Count == 0)
        {
            sh.AppendLine("# skipped: pass --cargo-ip (repeatable) and run cargo-doctor setup again.");
            return;
        }

        sh.AppendLine($"port=$({portQuery})");
        sh.AppendLine($"groups_text=$({groupsQuery})");
        sh.AppendLine("read -r group _ <<<\"$groups_text\" || true");
        sh.AppendLine($"[[ -n $group && $group != None ]] || {{ echo {ShellQuote.Arg($"{target} has no VPC security group: attach one, then run this script again")} >&2; exit 1; }}");
        sh.AppendLine("# A rule that already exists is answered with InvalidPermission.Duplicate");
        sh.AppendLine("# (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html): nothing is added twice.");
        foreach (var ip in ips)
        {
            if (CargoIpRanges.IsWide(ip))
            {
                sh.AppendLine($"# {ip} is wider than /{CargoIpRanges.Limit(ip).ToString(CultureInfo.InvariantCulture)}: no rule opens the warehouse port to it; ask Cargo for its own IPs.");
                continue;
            }

            var common = new[] { ("group", "the warehouse's security group"), ("group_sh", "\"$group\""), ("port", "\"$port\""), ("cidr", ip.ToString()), ("region_sh", region) };
            var command = ip.IsIpv6
                ? Sh(catalog, "net.ingress", "authorize-ipv6", [.. common,
                    ("permissions_sh", $"\"IpProtocol=tcp,FromPort=$port,ToPort=$port,Ipv6Ranges=[{{CidrIpv6={ip},Description=Cargo}}]\"")])
                : Sh(catalog, "net.ingress", "authorize-ipv4", [.. common, ("cidr_sh", ShellQuote.Arg(ip.ToString()))]);
            sh.AppendLine($"already_done InvalidPermission.Duplicate {command}");
        }
    }

    private static string Header() => $$"""
        #!/usr/bin/env bash
        # setup-aws.sh written by cargo-doctor {{ToolVersion.Current}}: the AWS steps of the Cargo setup guide.
        # REVIEW BEFORE RUNNING. cargo-doctor never runs this script, and called no AWS API to write it.
        # Run it with credentials allowed to make these changes, in the warehouse's account. Each step
        # reads the current state first and changes only what is missing: it is safe to run again.
        set -euo pipefail

        # already_done CODE COMMAND...: runs COMMAND; when it fails with the AWS error CODE, the change is
        # already in place and the script goes on. Any other failure stops the script.
        already_done() {
          local code=$1 out
          shift
          if out=$("$@" 2>&1); then
            [[ -z $out ]] || printf '%s\n' "$out"
          elif [[ $out == *"$code"* ]]; then
            echo "already in place ($code)"
          else
            printf '%s\n' "$out" >&2
            return 1
          fi
        }

        # has_word WORD LIST...: whether WORD is one of LIST.
        has_word() {
          local word=$1 item
          shift
          for item in "$@"; do
            [[ $item == "$word" ]] && return 0
          done
          return 1
        }

        {{ClusterReadyWait.Function}}
        """;

    private static string Sh(CheckCatalog catalog, string checkId, string key, params (string Name, string Value)[] values) =>
        SetupTemplate.Text(SetupTemplate.Render(catalog, checkId, key, values), "sh");

    /// <summary>A name on a comment line: a line break in it must not end the comment.</summary>
    private static string Comment(string name) => ShellQuote.Arg(name.ReplaceLineEndings(" "));
}

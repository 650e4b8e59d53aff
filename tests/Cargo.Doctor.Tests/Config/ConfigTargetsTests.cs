using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Config;

/// <summary>Issue 27: targets: in the config file; top-level sections are defaults, a target's own keys win.</summary>
[Trait("Category", "Unit")]
public sealed class ConfigTargetsTests
{
    [Fact]
    public void a_targets_own_keys_win_key_by_key_over_the_top_level_defaults()
    {
        var config = ConfigFile.Parse("""
            readOnly: true
            warehouse:
              user: cargo_user
              functionRole: shared_role
              port: 5440
            cargo:
              ip: [203.0.113.10]
            accept:
              - check: db.table-grants
                reason: "shared"
                owner: ops@example.com
                expires: 2999-01-01
            targets:
              - name: eu-prod
                passwordEnv: EU_PROD_PASSWORD
                baseline: eu-prod/report.json
                warehouse:
                  host: eu.example.com
                  user: cargo_eu
              - name: us-test
                readOnly: false
                accept: []
                warehouse:
                  host: us.example.com
            """);

        Assert.Equal(["eu-prod", "us-test"], config.Targets.Select(t => t.Name));
        var eu = config.Targets[0];
        Assert.Equal(("eu.example.com", "cargo_eu", "shared_role", 5440), (eu.Config.Warehouse.Host, eu.Config.Warehouse.User, eu.Config.Warehouse.FunctionRole, eu.Config.Warehouse.Port));
        Assert.Equal(("EU_PROD_PASSWORD", "eu-prod/report.json"), (eu.PasswordEnv, eu.Baseline));
        Assert.True(eu.Config.ReadOnly);
        Assert.Equal(["203.0.113.10"], eu.Config.Cargo.Ips);
        Assert.Single(eu.Config.Accept);
        var us = config.Targets[1];
        Assert.Equal(("us.example.com", "cargo_user"), (us.Config.Warehouse.Host, us.Config.Warehouse.User));
        Assert.False(us.Config.ReadOnly);
        Assert.Empty(us.Config.Accept);
        Assert.Null(us.PasswordEnv);
    }

    [Fact]
    public void every_target_problem_is_reported_at_once_with_its_line()
    {
        var problems = Assert.Throws<ConfigException>(() => ConfigFile.Parse("""
            targets:
              - name: prod
                warehouse:
                  host: a.example.com
                  password: secret
              - name: PROD
                passwordEnv: "1bad"
              - warehouse:
                  host: b.example.com
              - name: "../escape"
            """, "fleet.yml")).Problems;

        Assert.Contains("fleet.yml: line 5: warehouse.password: not allowed in the config file; set CARGO_DOCTOR_PASSWORD instead (in targets:, name the variable that holds it with passwordEnv)", problems);
        Assert.Contains("fleet.yml: line 7: targets[2].passwordEnv: '1bad' is not an environment variable name", problems);
        Assert.Contains(problems, p => p.StartsWith("fleet.yml: line 8: targets[3].name: missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("fleet.yml: line 10: targets[4].name: '../escape' is not a target name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the name 'prod' is used more than once", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("secret", StringComparison.Ordinal));
    }
}

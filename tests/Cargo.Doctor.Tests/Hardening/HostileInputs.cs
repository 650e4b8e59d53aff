namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// The table of hostile inputs: each row is a `cargo-doctor check` invocation that must end in a
/// one-line usage error (exit 2) before any prompt or connection, and the text that error must contain.
/// To cover a new input, add a row. Placeholders: {endpoint} (a loopback listener that records
/// connections), {out} (a fresh folder), {file} (an existing file), {config} (a file holding
/// <see cref="HostileInput.ConfigYaml"/>), {secret} (<see cref="Secret"/>).
/// </summary>
public static class HostileInputs
{
    /// <summary>The warehouse password in every hostile run; no output may contain it.</summary>
    public const string Secret = "Hunter2-Distinctive-S3cret-4471";

    public static IReadOnlyList<HostileInput> All { get; } =
    [
        // Issue 13.2: a password inside the endpoint, in every URL form.
        new("password_in_postgres_url", ["--endpoint", "postgres://cargo_user:{secret}@127.0.0.1:5439/dev"], "endpoint contains a password"),
        new("password_in_postgresql_url_escaped", ["--endpoint", "postgresql://cargo_user:{secret}%40x@127.0.0.1/dev"], "endpoint contains a password"),
        new("password_in_redshift_url", ["--endpoint", "redshift://u:{secret}@examplecluster.abc123.us-west-2.redshift.amazonaws.com:5439/dev"], "endpoint contains a password"),
        new("password_in_jdbc_query", ["--endpoint", "jdbc:redshift://127.0.0.1:5439/dev?user=u&password={secret}"], "endpoint contains a password"),
        new("password_in_jdbc_semicolon", ["--endpoint", "jdbc:redshift://127.0.0.1:5439/dev;UID=u;PWD={secret}"], "endpoint contains a password"),
        new("password_in_bare_userinfo", ["--endpoint", "u:{secret}@127.0.0.1:5439/dev"], "endpoint contains a password"),
        // Found in review: forms the first password check missed, which then echoed the endpoint.
        new("password_in_sqlalchemy_url", ["--endpoint", "redshift+psycopg2://u:{secret}@127.0.0.1:5439/dev"], "endpoint contains a password"),
        new("password_in_unknown_scheme", ["--endpoint", "mysql://u:{secret}@127.0.0.1/dev"], "endpoint contains a password"),
        new("password_secret_key_in_jdbc_iam_url", ["--endpoint", "jdbc:redshift:iam://examplecluster:us-west-2/dev;AccessKeyID=AKIAEXAMPLE;SecretAccessKey={secret}"], "endpoint contains a password"),
        new("password_with_slash", ["--endpoint", "postgres://u:pa/{secret}@127.0.0.1:5439/dev"], "endpoint contains a password"),
        new("password_with_question_mark", ["--endpoint", "postgres://u:pa?{secret}@127.0.0.1/dev"], "endpoint contains a password"),
        new("mistyped_password_without_host", ["--endpoint", "postgres://u:{secret}/dev"], "the port after ':' is not a number"),
        new("password_in_config_endpoint", ["--config", "{config}"], "line 2: warehouse.endpoint: the endpoint contains a password",
            "warehouse:\n  endpoint: postgres://u:{secret}@127.0.0.1:5439/dev\n"),
        new("password_key_in_config", ["--config", "{config}"], "line 3: warehouse.password: not allowed",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  password: {secret}\n"),

        // Issue 22.5: a password after a space or '&' was read as part of the database name and printed.
        new("password_after_a_space", ["--endpoint", "127.0.0.1:5439/dev password={secret}"], "endpoint contains a password"),
        new("password_after_a_space_in_jdbc_url", ["--endpoint", "jdbc:redshift://127.0.0.1:5439/dev password={secret}"], "endpoint contains a password"),
        new("password_after_an_ampersand", ["--endpoint", "127.0.0.1:5439/dev&pwd={secret}"], "endpoint contains a password"),
        new("settings_in_the_database_part", ["--endpoint", "127.0.0.1:5439/dev sslmode=disable"], "the database part holds 'key=value' settings"),

        // Issue 22.4: the URL's sslmode was silently dropped; beside --sslmode it must not lose silently either.
        new("sslmode_in_url_contradicts_flag", ["--endpoint", "jdbc:redshift://127.0.0.1:5439/dev?sslmode=verify-full", "--sslmode", "prefer"], "--sslmode prefer contradicts sslmode=verify-full in --endpoint"),
        new("ssl_true_without_sslmode", ["--endpoint", "jdbc:redshift://127.0.0.1:5439/dev?ssl=true"], "ssl=true does not say how the server is verified"),

        // Issue 13.11: hosts with ':' and IPv6 literals in every form.
        new("host_with_two_colons", ["--endpoint", "db:5439:5440/dev"], "IPv6 address in brackets"),
        new("ipv6_without_brackets", ["--endpoint", "::1/dev"], "IPv6 address in brackets"),
        new("ipv6_without_brackets_with_port", ["--endpoint", "fe80::1:5439/dev"], "IPv6 address in brackets"),
        new("ipv6_full_without_brackets", ["--endpoint", "2001:db8:0:0:0:0:0:1"], "IPv6 address in brackets"),
        new("ipv6_unclosed_bracket", ["--endpoint", "[::1:5439/dev"], "'[' without ']'"),
        new("ipv6_brackets_around_a_name", ["--endpoint", "[db.example.com]:5439/dev"], "is not an IPv6 address"),
        new("ipv6_text_after_bracket", ["--endpoint", "[::1]5439/dev"], "only ':port' may follow ']'"),
        new("ipv6_port_zero", ["--endpoint", "[::1]:0/dev"], "port '0' is not a number from 1 to 65535"),
        new("ipv6_in_url_without_brackets", ["--endpoint", "postgresql://::1:5439/dev"], "IPv6 address in brackets"),
        new("host_list_with_comma", ["--endpoint", "h1,h2:5439/dev"], "the host is a DNS name or IP address"),
        new("unknown_url_scheme", ["--endpoint", "mysql://127.0.0.1:3306/dev"], "unknown scheme"),
        new("ipv6_host_in_config", ["--config", "{config}"], "line 2: warehouse.host: 'a:b:c' is not a DNS name or IP address",
            "warehouse:\n  host: a:b:c\n  databases: [dev]\n"),

        // Issue 13.11: NUL and control characters in any name.
        new("control_character_in_user", ["--endpoint", "{endpoint}", "--user", "cargo\u0001user"], "--user contains a control character"),
        new("escape_sequence_in_function_role", ["--endpoint", "{endpoint}", "--function-role", "\u001b[31mrole"], "--function-role contains a control character"),
        new("newline_in_database", ["--endpoint", "{endpoint}", "--database", "dev\nother"], "--database contains a control character"),
        new("control_character_in_schema", ["--endpoint", "{endpoint}", "--schema", "dev.sal\u0007es"], "schema name contains a control character"),
        new("control_character_in_endpoint", ["--endpoint", "127.0.0.1:5439/de\u0002v"], "endpoint contains a control character"),
        new("control_character_in_login_user", ["--endpoint", "{endpoint}", "--login-user", "admin\u007f"], "--login-user contains a control character"),
        new("nul_in_config_user", ["--config", "{config}"], "line 3: warehouse.user: contains a control character",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  user: \"cargo\\0user\"\n"),
        new("nul_in_config_schema", ["--config", "{config}"], "line 3: warehouse.schemas: contains a control character",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  schemas: [\"dev.s\\0x\"]\n"),

        // Found in review: the round trip's bucket was checked only after the password prompt.
        new("bucket_not_a_bucket_name", ["--endpoint", "{endpoint}", "--bucket", "Bad_Bucket", "--role-arn", "arn:aws:iam::123456789012:role/r", "--cargo-role-arn", "arn:aws:iam::210987654321:role/c"], "--bucket 'Bad_Bucket' is not an S3 bucket name"),

        // Issue 13.11: malformed role ARNs (the README promises exit 2).
        new("cargo_role_arn_not_an_arn", ["--endpoint", "{endpoint}", "--cargo-role-arn", "cargo-data-loader"], "--cargo-role-arn 'cargo-data-loader' is not an IAM role ARN"),
        new("cargo_role_arn_short_account", ["--endpoint", "{endpoint}", "--cargo-role-arn", "arn:aws:iam::2109876:role/cargo"], "--cargo-role-arn"),
        new("cargo_role_arn_with_comma", ["--endpoint", "{endpoint}", "--cargo-role-arn", "arn:aws:iam::210987654321:role/a,arn:aws:iam::210987654321:role/b"], "--cargo-role-arn"),
        new("role_arn_user_not_role", ["--endpoint", "{endpoint}", "--role-arn", "arn:aws:iam::123456789012:user/alice"], "--role-arn 'arn:aws:iam::123456789012:user/alice' is not an IAM role ARN"),
        new("role_arn_with_space", ["--endpoint", "{endpoint}", "--role-arn", "arn:aws:iam::123456789012:role/my role"], "--role-arn"),
        new("role_arn_in_config", ["--config", "{config}"], "line 4: cargo.roleArn: 'nope' is not an IAM role ARN",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\ncargo:\n  roleArn: nope\n"),

        // Issue 13.11: schema suffixes other than :read.
        new("schema_write_suffix", ["--endpoint", "{endpoint}", "--schema", "dev.sales:write"], "unknown access 'write'"),
        new("schema_unknown_suffix", ["--endpoint", "{endpoint}", "--schema", "dev.sales:rw"], "unknown access 'rw'"),
        new("schema_empty_suffix", ["--endpoint", "{endpoint}", "--schema", "dev.sales:"], "unknown access ''"),

        // Issue 13.11: timeouts and typed values, without .NET type names.
        new("connect_timeout_zero", ["--endpoint", "{endpoint}", "--connect-timeout", "0"], "--connect-timeout 0: use 1 to 600 seconds"),
        new("connect_timeout_not_a_number", ["--endpoint", "{endpoint}", "--connect-timeout", "soon"], "--connect-timeout 'soon'"),
        new("connect_timeout_zero_in_config", ["--config", "{config}"], "line 3: warehouse.connectTimeout: '0' is not a whole number from 1 to 600",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  connectTimeout: 0\n"),
        new("port_not_a_number_in_config", ["--config", "{config}"], "line 3: warehouse.port: 'abc' is not a whole number",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  port: abc\n"),
        new("list_where_a_value_belongs_in_config", ["--config", "{config}"], "line 3: warehouse.user: expected a single value",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  user: [a, b]\n"),
        new("value_where_keys_belong_in_config", ["--config", "{config}"], "line 1: warehouse: expected keys under it",
            "warehouse: [a, b]\n"),
        new("unknown_key_in_config", ["--config", "{config}"], "line 3: warehouse.conectTimeout: unknown key",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  conectTimeout: 5\n"),
        new("bool_not_a_bool_in_config", ["--config", "{config}"], "line 3: readOnly: 'sometimes' is not true or false",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\nreadOnly: sometimes\n"),
        new("bool_flag_with_a_word", ["--endpoint", "{endpoint}", "--redact=perhaps"], "'perhaps'"),
        new("sslmode_unknown_in_config", ["--config", "{config}"], "line 3: warehouse.sslMode: 'always' is not one of disable, allow, prefer",
            "warehouse:\n  endpoint: 127.0.0.1:5439/dev\n  sslMode: always\n"),
        new("sslmode_unknown", ["--endpoint", "{endpoint}", "--sslmode", "sometimes"], "--sslmode 'sometimes'"),
        new("region_with_spaces", ["--endpoint", "{endpoint}", "--cluster", "c", "--region", "eu west 1"], "--region 'eu west 1' is not an AWS region"),
        new("cluster_and_workgroup", ["--endpoint", "{endpoint}", "--cluster", "c", "--workgroup", "w", "--region", "eu-west-1"], "either --cluster or --workgroup"),

        // Issue 12.1: every value in the one validation step, a config-file value with its file, line and key.
        new("bucket_without_the_round_trip_roles", ["--endpoint", "{endpoint}", "--bucket", "s3://cargo-exchange"], "--bucket 's3://cargo-exchange' is not an S3 bucket name"),
        new("bucket_in_config", ["--config", "{config}"], "line 4: cargo.bucket: 'Bad_Bucket' is not an S3 bucket name",
            "warehouse:\n  endpoint: {endpoint}\ncargo:\n  bucket: Bad_Bucket\n"),
        new("cargo_ip_in_config", ["--config", "{config}"], "line 4: cargo.ip: '3.248.0.300' is not an IP address or CIDR",
            "warehouse:\n  endpoint: {endpoint}\ncargo:\n  ip: [3.248.0.300]\n"),
        new("cluster_and_workgroup_in_config", ["--config", "{config}"], "line 6: aws.workgroup: give either clusterIdentifier (provisioned) or workgroup (Serverless), not both",
            "warehouse:\n  endpoint: {endpoint}\naws:\n  region: eu-west-1\n  clusterIdentifier: c\n  workgroup: w\n"),
        new("database_name_too_long", ["--endpoint", "{endpoint}", "--database", new string('d', 128)], "is longer than 127 bytes"),
        new("fail_on_unknown_word", ["--endpoint", "{endpoint}", "--fail-on", "never"], "--fail-on 'never': choose from fail, warn, unknown"),

        // Issue 13.9: output locations, checked before anything connects.
        new("out_is_a_file", ["--endpoint", "{endpoint}", "--out", "{file}"], "is a file, not a folder"),
        new("out_under_a_file", ["--endpoint", "{endpoint}", "--out", "{file}/reports"], "is a file, not a folder"),
        new("out_empty", ["--endpoint", "{endpoint}", "--out", ""], "--out is empty"),
        new("out_blank", ["--endpoint", "{endpoint}", "--out", "  "], "--out is empty"),
        new("out_with_control_character", ["--endpoint", "{endpoint}", "--out", "{out}/re\u0001ports"], "--out: the path contains a control character"),
        new("out_in_a_read_only_filesystem", ["--endpoint", "{endpoint}", "--out", "/proc/cargo-doctor-reports"], "--out '/proc/cargo-doctor-reports': cannot write in '/proc'"),
        new("save_facts_is_a_folder", ["--endpoint", "{endpoint}", "--out", "{out}", "--save-facts", "{out}"], "--save-facts '{out}' is a folder, not a file"),
        new("save_facts_under_a_file", ["--endpoint", "{endpoint}", "--out", "{out}", "--save-facts", "{file}/facts.json"], "is a file, not a folder"),
        // Issue 22.11: --save-facts naming a report file in --out was overwritten by the report.
        new("save_facts_is_report_json", ["--endpoint", "{endpoint}", "--out", "{out}", "--save-facts", "{out}/report.json"], "--save-facts '{out}/report.json' is the report's own report.json in --out"),
        new("save_facts_is_fix_sql_by_a_relative_path", ["--endpoint", "{endpoint}", "--out", "{out}", "--save-facts", "{out}/../out/./fix.sql"], "is the report's own fix.sql in --out"),
        new("save_facts_empty", ["--endpoint", "{endpoint}", "--out", "{out}", "--save-facts", ""], "--save-facts is empty"),
    ];

    public static TheoryData<string> Names => new(All.Select(i => i.Name));

    public static HostileInput Named(string name) => All.Single(i => i.Name == name);
}

/// <param name="Name">Says what is hostile; the test's display name.</param>
/// <param name="Args">Arguments after `check` (placeholders: see <see cref="HostileInputs"/>).</param>
/// <param name="Expected">Text the one-line error must contain (placeholders allowed).</param>
/// <param name="ConfigYaml">The config file's text, for rows using {config}.</param>
public sealed record HostileInput(string Name, string[] Args, string Expected, string? ConfigYaml = null);

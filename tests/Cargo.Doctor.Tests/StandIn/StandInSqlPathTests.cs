using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.StandIn;

/// <summary>
/// Table tests of the stand-in's SQL path against the real PostgreSQL: each row a Redshift script from an
/// AWS page, run through the stand-in by a superuser, then the emulation's state read straight from
/// PostgreSQL. Written from the cited pages, not from the product's rules.
/// </summary>
[Trait("Category", "Warehouse")]
public sealed class StandInSqlPathTests(PostgresServer server, DedicatedStandIn rs) : IClassFixture<PostgresServer>, IClassFixture<DedicatedStandIn>
{
    private const string Chain = "arn:aws:iam::123456789012:role/cargo-redshift-access,arn:aws:iam::210987654321:role/cargo-data-loader";
    private const string OtherChain = "arn:aws:iam::123456789012:role/other";

    private const string Base = "CREATE USER cargo_user PASSWORD 'Cargo-Conf-1'; CREATE SCHEMA sales; CREATE TABLE sales.orders (id INT);";

    public static TheoryData<string, string, string, string> Rows => new()
    {
        // page, Redshift script (after Base), check read as admin from PostgreSQL, expected
        { "r_names.html: delimited identifiers fold to lowercase", "CREATE SCHEMA \"Sales2\"; CREATE TABLE \"Sales2\".\"Orders\" (id INT);",
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'sales2' AND tablename = 'orders'", "1" },
        { "r_enable_case_sensitive_identifier.html: a quoted user name keeps its case", "CREATE USER \"CargoUser\" PASSWORD 'Cargo-Conf-1';",
            "SELECT count(*) FROM pg_roles WHERE rolname = 'CargoUser' AND rolcanlogin", "1" },
        { "r_enable_case_sensitive_identifier.html: a quoted user name keeps its case as a grantee", "CREATE USER \"CargoUser\" PASSWORD 'Cargo-Conf-1'; GRANT USAGE ON SCHEMA \"SALES\" TO \"CargoUser\";",
            "SELECT has_schema_privilege('CargoUser', 'sales', 'USAGE')", "True" },
        { "r_enable_case_sensitive_identifier.html: SET ... TO true keeps the case of the session's quoted names", "SET enable_case_sensitive_identifier TO true; CREATE SCHEMA \"KeepMe\"; RESET enable_case_sensitive_identifier; CREATE SCHEMA \"FoldMe\";",
            "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE lower(nspname) IN ('keepme', 'foldme')", "KeepMe,foldme" },
        { "r_ALTER_USER.html + PG_USER: a per-user setting shows in useconfig", "ALTER USER cargo_user SET enable_case_sensitive_identifier TO true;",
            "SELECT array_to_string(useconfig, ',') FROM pg_user WHERE usename = 'cargo_user'", "enable_case_sensitive_identifier=true" },
        { "r_CREATE_USER.html: CREATEUSER creates a superuser", "CREATE USER admin2 PASSWORD 'Cargo-Conf-1' CREATEUSER;",
            "SELECT rolsuper FROM pg_roles WHERE rolname = 'admin2'", "True" },
        { "r_ALTER_USER.html: NOCREATEUSER takes superuser away", "CREATE USER admin2 WITH PASSWORD 'Cargo-Conf-1' CREATEUSER; ALTER USER admin2 NOCREATEUSER;",
            "SELECT rolsuper FROM pg_roles WHERE rolname = 'admin2'", "False" },
        { "r_CREATE_USER.html: SYSLOG ACCESS UNRESTRICTED", "CREATE USER auditor PASSWORD 'Cargo-Conf-1' SYSLOG ACCESS UNRESTRICTED;",
            "SELECT count(*) FROM rs_syslog_access_unrestricted WHERE user_name = 'auditor'", "1" },
        { "r_DROP_USER.html", "DROP USER cargo_user;", "SELECT count(*) FROM pg_roles WHERE rolname = 'cargo_user'", "0" },
        { "r_CREATE_GROUP.html: WITH USER", "CREATE USER other PASSWORD 'Cargo-Conf-1'; CREATE GROUP readers WITH USER cargo_user, other; ALTER GROUP readers DROP USER other;",
            "SELECT string_agg(pg_get_userbyid(m), ',') FROM pg_group, unnest(grolist) m WHERE groname = 'readers'", "cargo_user" },
        { "r_GRANT.html: TO GROUP", "CREATE GROUP readers WITH USER cargo_user; GRANT USAGE ON SCHEMA sales TO GROUP readers; GRANT SELECT ON ALL TABLES IN SCHEMA sales TO GROUP readers;",
            "SELECT has_table_privilege('cargo_user', 'sales.orders', 'SELECT')", "True" },
        { "r_GRANT.html: TO ROLE", "CREATE ROLE writer; GRANT ROLE writer TO cargo_user; GRANT INSERT ON sales.orders TO ROLE writer;",
            "SELECT has_table_privilege('cargo_user', 'sales.orders', 'INSERT')", "True" },
        { "r_GRANT.html: TO PUBLIC, ON DATABASE", "GRANT TEMP ON DATABASE dev TO PUBLIC; GRANT ALL ON DATABASE dev TO cargo_user;",
            "SELECT has_database_privilege('cargo_user', 'dev', 'CREATE')", "True" },
        { "r_REVOKE.html: FROM a user", "GRANT SELECT ON sales.orders TO cargo_user; REVOKE SELECT ON sales.orders FROM cargo_user;",
            "SELECT has_table_privilege('cargo_user', 'sales.orders', 'SELECT')", "False" },
        { "r_GRANT.html: GRANT ROLE to a role (nested)", "CREATE ROLE inner_r; CREATE ROLE outer_r; GRANT ROLE inner_r TO ROLE outer_r; GRANT ROLE outer_r TO cargo_user;",
            "SELECT pg_has_role('cargo_user', 'inner_r', 'MEMBER')", "True" },
        { "r_roles-default.html: system roles granted with GRANT ROLE", "GRANT ROLE \"sys:dba\" TO cargo_user;",
            "SELECT count(*) FROM svv_user_grants WHERE user_name = 'cargo_user' AND role_name = 'sys:dba'", "1" },
        { "r_roles-system-privileges.html: system permission to a role", "CREATE ROLE fn; GRANT CREATE OR REPLACE FUNCTION TO ROLE fn; GRANT CREATE USER, ALTER USER, DROP USER TO ROLE fn;",
            "SELECT string_agg(system_privilege, ',' ORDER BY system_privilege) FROM svv_system_privileges WHERE identity_name = 'fn'", "ALTER USER,CREATE OR REPLACE FUNCTION,CREATE USER,DROP USER" },
        { "r_REVOKE.html: system permission from a role", "CREATE ROLE fn; GRANT CREATE OR REPLACE FUNCTION TO ROLE fn; REVOKE CREATE OR REPLACE FUNCTION FROM ROLE fn;",
            "SELECT count(*) FROM svv_system_privileges WHERE identity_name = 'fn'", "0" },
        { "t_scoped-permissions.html: current tables", "CREATE ROLE w; GRANT ROLE w TO cargo_user; GRANT SELECT, INSERT FOR TABLES IN SCHEMA sales TO ROLE w;",
            "SELECT has_table_privilege('cargo_user', 'sales.orders', 'INSERT')", "True" },
        { "t_scoped-permissions.html: future tables", "GRANT SELECT FOR TABLES IN SCHEMA sales TO cargo_user; CREATE TABLE sales.later (id INT);",
            "SELECT has_table_privilege('cargo_user', 'sales.later', 'SELECT')", "True" },
        { "t_scoped-permissions.html: shown in SVV_SCHEMA_PRIVILEGES", "GRANT SELECT FOR TABLES IN SCHEMA sales TO cargo_user;",
            "SELECT privilege_scope FROM svv_schema_privileges WHERE identity_name = 'cargo_user' AND privilege_type = 'SELECT'", "TABLES" },
        { "t_scoped-permissions.html: FOR SCHEMAS IN DATABASE, current and future", "GRANT USAGE FOR SCHEMAS IN DATABASE dev TO cargo_user; CREATE SCHEMA later;",
            "SELECT has_schema_privilege('cargo_user', 'sales', 'USAGE') AND has_schema_privilege('cargo_user', 'later', 'USAGE')", "True" },
        { "udf-security-and-privileges.html: REVOKE USAGE ON LANGUAGE sql FROM PUBLIC", "REVOKE USAGE ON LANGUAGE sql FROM PUBLIC;",
            "SELECT has_language_privilege('cargo_user', 'sql', 'USAGE')", "False" },
        { "r_GRANT-usage-notes.html: PUBLIC may assume every role by default", "",
            $"SELECT has_assumerole_privilege('cargo_user', '{Chain}', 'COPY')", "True" },
        { "r_GRANT-usage-notes.html: REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL", "REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL;",
            $"SELECT has_assumerole_privilege('cargo_user', '{Chain}', 'COPY')", "False" },
        { "r_GRANT.html: ASSUMEROLE on a chain to a user for one command", $"REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; GRANT ASSUMEROLE ON '{Chain}' TO cargo_user FOR COPY;",
            $"SELECT has_assumerole_privilege('cargo_user', '{Chain}', 'COPY')::text || has_assumerole_privilege('cargo_user', '{Chain}', 'UNLOAD')::text || has_assumerole_privilege('cargo_user', '{OtherChain}', 'COPY')::text", "truefalsefalse" },
        { "r_GRANT-usage-notes.html: a chain is granted as a whole", $"REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; GRANT ASSUMEROLE ON '{Chain}' TO cargo_user FOR ALL;",
            "SELECT has_assumerole_privilege('cargo_user', 'arn:aws:iam::123456789012:role/cargo-redshift-access', 'COPY')", "False" },
        { "r_GRANT.html: ASSUMEROLE to ROLE", $"REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; CREATE ROLE loader; GRANT ROLE loader TO cargo_user; GRANT ASSUMEROLE ON '{Chain}' TO ROLE loader FOR UNLOAD;",
            $"SELECT has_assumerole_privilege('cargo_user', '{Chain}', 'UNLOAD')", "True" },
        { "r_GRANT.html: ASSUMEROLE to GROUP, FOR ALL covers EXTERNAL FUNCTION", $"REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; CREATE GROUP loaders WITH USER cargo_user; GRANT ASSUMEROLE ON '{Chain}' TO GROUP loaders FOR ALL;",
            $"SELECT has_assumerole_privilege('cargo_user', '{Chain}', 'EXTERNAL FUNCTION')", "True" },
        { "r_GRANT.html: ASSUMEROLE to PUBLIC for CREATE MODEL", $"REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; GRANT ASSUMEROLE ON '{Chain}' TO PUBLIC FOR CREATE MODEL;",
            $"SELECT has_assumerole_privilege('cargo_user', '{Chain}', 'CREATE MODEL')::text || has_assumerole_privilege('cargo_user', '{Chain}', 'COPY')::text", "truefalse" },
        { "r_GRANT.html: ASSUMEROLE ON ALL", "REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; GRANT ASSUMEROLE ON ALL TO cargo_user FOR COPY, UNLOAD;",
            $"SELECT has_assumerole_privilege('cargo_user', '{OtherChain}', 'UNLOAD')", "True" },
        { "r_GRANT.html: ASSUMEROLE ON default; SVV_IAM_PRIVILEGES shows default-aws-iam-role", "REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; GRANT ASSUMEROLE ON default TO cargo_user FOR COPY;",
            "SELECT iam_arn || '/' || command_type || '/' || identity_type FROM svv_iam_privileges WHERE identity_name = 'cargo_user'", "default-aws-iam-role/COPY/user" },
        { "r_GRANT.html: several role strings in one grant", $"REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; GRANT ASSUMEROLE ON '{Chain}', '{OtherChain}' TO cargo_user FOR COPY;",
            "SELECT count(*) FROM svv_iam_privileges WHERE identity_name = 'cargo_user'", "2" },
        { "r_REVOKE.html: REVOKE ASSUMEROLE from a user", $"REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL; GRANT ASSUMEROLE ON '{Chain}' TO cargo_user FOR COPY, UNLOAD; REVOKE ASSUMEROLE ON '{Chain}' FROM cargo_user FOR UNLOAD;",
            "SELECT string_agg(command_type, ',') FROM svv_iam_privileges WHERE identity_name = 'cargo_user'", "COPY" },
        { "r_names.html / t_Unloading_tables.html: a backslash-escaped quote in a literal", "COMMENT ON SCHEMA sales IS 'it\\'s; fine';",
            "SELECT obj_description('sales'::regnamespace, 'pg_namespace')", "it's; fine" },
        { "r_SVV_IAM_PRIVILEGES.html: the default PUBLIC grant is not an explicit row", "",
            "SELECT count(*) FROM svv_iam_privileges", "0" },
        { "r_names.html: hostile names (quotes, spaces, unicode, <script>) fold ASCII only",
            "CREATE SCHEMA \"We\"\"ird <Script> Ünï\"; CREATE USER \"O'Brien ü <script>\" PASSWORD 'Cargo-Conf-1'; GRANT USAGE ON SCHEMA \"WE\"\"IRD <SCRIPT> Ünï\" TO \"O'Brien ü <script>\";",
            "SELECT has_schema_privilege('O''Brien ü <script>', 'we\"ird <script> Ünï', 'USAGE')", "True" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task a_redshift_statement_changes_the_emulation_as_its_page_says(string page, string script, string check, string expected)
    {
        Assert.NotNull(server);
        await rs.FreshAsync();
        await rs.RedshiftAsync(Base + script);

        Assert.True(expected == await rs.ScalarAsync(check), page);
    }

    [Fact]
    public async Task a_user_with_the_per_user_setting_keeps_the_case_of_quoted_names()
    {
        // r_enable_case_sensitive_identifier.html; the session starts with the user's ALTER USER ... SET value.
        await rs.FreshAsync();
        await rs.RedshiftAsync(Base + "GRANT ALL ON DATABASE dev TO cargo_user; ALTER USER cargo_user SET enable_case_sensitive_identifier TO true;");

        await rs.RedshiftAsync("CREATE SCHEMA \"MixedCase\";", user: "cargo_user");

        Assert.Equal("1", await rs.ScalarAsync("SELECT count(*) FROM pg_namespace WHERE nspname = 'MixedCase'"));
        Assert.Equal("true", await rs.ScalarThroughStandInAsync("SHOW enable_case_sensitive_identifier", "cargo_user"));
    }

    [Fact]
    public async Task the_setting_is_false_by_default_and_reads_back_after_set()
    {
        // "Values (default in bold) true, false" (r_enable_case_sensitive_identifier.html).
        await rs.FreshAsync();

        Assert.Equal("false", await rs.ScalarThroughStandInAsync("SHOW enable_case_sensitive_identifier"));
        Assert.Equal("true", await rs.ScalarThroughStandInAsync("SELECT current_setting('enable_case_sensitive_identifier')", null, "SET enable_case_sensitive_identifier TO true"));
        Assert.Equal("1", await rs.ScalarThroughStandInAsync("SELECT count(*) FROM pg_namespace WHERE nspname = 'Kept'", null, "SET enable_case_sensitive_identifier TO true", "CREATE SCHEMA \"Kept\""));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        // page, Redshift script (after Base), a part of the error
        { "r_CREATE_USER.html: password rules", "CREATE USER weak PASSWORD 'short1A';", "password must be 8 to 64" },
        { "r_CREATE_USER.html: password needs a digit", "CREATE USER weak PASSWORD 'NoDigitsHere';", "password must be 8 to 64" },
        { "r_CREATE_USER.html: password can't hold @", "CREATE USER weak PASSWORD 'Cargo@Conf1';", "password must be 8 to 64" },
        { "r_CREATE_USER.html: the user name can't be PUBLIC", "CREATE USER \"PUBLIC\" PASSWORD 'Cargo-Conf-1';", "42939" },
        { "r_GRANT.html: system permissions go TO ROLE only", "GRANT CREATE USER TO cargo_user;", "0LP01" },
        { "r_GRANT.html: TO GROUP names a group", "CREATE ROLE notagroup; GRANT SELECT ON sales.orders TO GROUP notagroup;", "group \"notagroup\" does not exist" },
        { "r_GRANT.html: TO ROLE names a role", "GRANT SELECT ON sales.orders TO ROLE cargo_user;", "role \"cargo_user\" does not exist" },
        { "t_scoped-permissions-considerations.html: not to groups", "CREATE GROUP g; GRANT SELECT FOR TABLES IN SCHEMA sales TO GROUP g;", "user group" },
        { "stand-in: Redshift-only table attributes are not emulated", "CREATE TABLE sales.t (id INT) DISTSTYLE EVEN;", "stand-in:" },
        { "stand-in: external schemas are not emulated", "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'x' IAM_ROLE default;", "stand-in:" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task a_statement_redshift_refuses_fails_on_the_stand_in(string page, string script, string error)
    {
        await rs.FreshAsync();
        await rs.RedshiftAsync(Base);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => rs.RedshiftAsync(script));

        Assert.True(e.Message.Contains(error, StringComparison.Ordinal), $"{page}: {e.Message}");
        Assert.DoesNotContain("Cargo-Conf-1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task only_a_superuser_grants_assumerole()
    {
        // "Only a database superuser can grant or revoke the ASSUMEROLE permission" (r_GRANT-usage-notes.html).
        await rs.FreshAsync();
        await rs.RedshiftAsync(Base);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => rs.RedshiftAsync($"GRANT ASSUMEROLE ON '{Chain}' TO cargo_user FOR COPY;", user: "cargo_user"));

        Assert.Contains("42501", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_holder_of_the_create_or_replace_function_permission_creates_functions_without_language_usage()
    {
        // r_roles-system-privileges.html: "users with the CREATE OR REPLACE FUNCTION permission".
        await rs.FreshAsync();
        await rs.RedshiftAsync(Base + "GRANT USAGE, CREATE ON SCHEMA sales TO cargo_user; REVOKE USAGE ON LANGUAGE sql FROM PUBLIC; " +
            "CREATE ROLE fn; GRANT CREATE OR REPLACE FUNCTION TO ROLE fn; GRANT ROLE fn TO cargo_user;");

        await rs.RedshiftAsync("CREATE OR REPLACE FUNCTION sales.f_holder() RETURNS int IMMUTABLE AS $$ SELECT 1 $$ LANGUAGE sql;", user: "cargo_user");

        Assert.Equal("cargo_user", await rs.ScalarAsync("SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'f_holder'"));
        Assert.Equal("False", await rs.ScalarAsync("SELECT has_language_privilege('cargo_user', 'sql', 'USAGE')"));
    }

    [Fact]
    public async Task a_function_needs_usage_on_its_language_which_public_holds_by_default()
    {
        // r_roles-system-privileges.html (CREATE FUNCTION: users with the USAGE permission on language) and
        // udf-security-and-privileges.html ("By default, USAGE ON LANGUAGE SQL is granted to PUBLIC").
        const string create = "CREATE FUNCTION sales.f_{0}() RETURNS int IMMUTABLE AS $$ SELECT 1 $$ LANGUAGE sql;";
        await rs.FreshAsync();
        await rs.RedshiftAsync(Base + "GRANT USAGE, CREATE ON SCHEMA sales TO cargo_user;");

        await rs.RedshiftAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, create, "public_default"), user: "cargo_user");
        await rs.RedshiftAsync("REVOKE USAGE ON LANGUAGE sql FROM PUBLIC;");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => rs.RedshiftAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, create, "revoked"), user: "cargo_user"));
        await rs.RedshiftAsync("GRANT USAGE ON LANGUAGE sql TO cargo_user;");
        await rs.RedshiftAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, create, "granted"), user: "cargo_user");

        Assert.Contains("42501", refused.Message, StringComparison.Ordinal);
        Assert.Equal("f_granted,f_public_default", await rs.ScalarAsync("SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc WHERE pronamespace = 'sales'::regnamespace"));
    }
}

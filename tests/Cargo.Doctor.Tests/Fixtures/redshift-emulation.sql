-- Redshift-only catalog objects emulated on PostgreSQL, with Redshift's names and columns, for
-- tests. Installed in template1 so every test database has them. Needs allow_system_table_mods.
-- Redshift "users" are LOGIN roles here, Redshift "roles" are NOLOGIN roles.
SET search_path = pg_catalog;

-- Redshift system permissions (GRANT CREATE OR REPLACE FUNCTION TO ROLE r) have no PostgreSQL
-- equivalent: they are rows here, granted with rs_grant_system_privilege().
CREATE TABLE pg_catalog.rs_system_privilege_grants (system_privilege text NOT NULL, role_name text NOT NULL);
GRANT SELECT ON pg_catalog.rs_system_privilege_grants TO PUBLIC;

-- Scoped permissions (GRANT ... FOR TABLES IN SCHEMA s TO u), recorded by rs_grant_for_tables().
CREATE TABLE pg_catalog.rs_scoped_privileges (
    privilege_scope text NOT NULL, namespace_name text, database_name text,
    privilege_type text NOT NULL, identity_name text NOT NULL, identity_type text NOT NULL);
GRANT SELECT ON pg_catalog.rs_scoped_privileges TO PUBLIC;

CREATE FUNCTION pg_catalog.rs_is_superuser() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT COALESCE((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user), false) $$;

CREATE FUNCTION pg_catalog.rs_grant_system_privilege(privilege text, role text) RETURNS void LANGUAGE sql AS
$$ INSERT INTO pg_catalog.rs_system_privilege_grants VALUES (privilege, role) $$;

CREATE FUNCTION pg_catalog.rs_grant_for_tables(privileges text, schema_name text, grantee text) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE p text;
BEGIN
    FOREACH p IN ARRAY string_to_array(privileges, ',') LOOP
        INSERT INTO pg_catalog.rs_scoped_privileges VALUES ('TABLES', schema_name, current_database(), upper(trim(p)), grantee,
            CASE WHEN (SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = grantee) THEN 'user' ELSE 'role' END);
    END LOOP;
    -- Scoped permissions also cover the tables that exist now.
    EXECUTE format('GRANT %s ON ALL TABLES IN SCHEMA %I TO %I', privileges, schema_name, grantee);
END
$$;

-- SVV_ROLES: visible to all users.
CREATE VIEW pg_catalog.svv_roles AS
SELECT r.oid::integer AS role_id, r.rolname::text AS role_name, NULL::text AS role_owner, NULL::text AS external_id
FROM pg_catalog.pg_roles r
WHERE NOT r.rolcanlogin AND r.rolname !~ '^pg_';

-- SVV_USER_GRANTS: others see only roles explicitly granted to them.
CREATE VIEW pg_catalog.svv_user_grants AS
SELECT u.oid::integer AS user_id, u.rolname::text AS user_name, r.oid::integer AS role_id, r.rolname::text AS role_name, m.admin_option
FROM pg_catalog.pg_auth_members m
JOIN pg_catalog.pg_roles u ON u.oid = m.member
JOIN pg_catalog.pg_roles r ON r.oid = m.roleid
WHERE u.rolcanlogin AND NOT r.rolcanlogin AND r.rolname !~ '^pg_'
  AND (pg_catalog.rs_is_superuser() OR u.rolname = current_user);

-- SVV_ROLE_GRANTS: role_name is the grantee; others see only roles they hold.
CREATE VIEW pg_catalog.svv_role_grants AS
SELECT g.oid::integer AS role_id, g.rolname::text AS role_name, r.oid::integer AS granted_role_id, r.rolname::text AS granted_role_name
FROM pg_catalog.pg_auth_members m
JOIN pg_catalog.pg_roles g ON g.oid = m.member
JOIN pg_catalog.pg_roles r ON r.oid = m.roleid
WHERE NOT g.rolcanlogin AND NOT r.rolcanlogin AND g.rolname !~ '^pg_' AND r.rolname !~ '^pg_'
  AND (pg_catalog.rs_is_superuser() OR pg_catalog.pg_has_role(current_user, g.oid, 'MEMBER'));

-- SVV_SYSTEM_PRIVILEGES: others see only roles they hold.
CREATE VIEW pg_catalog.svv_system_privileges AS
SELECT p.system_privilege, r.oid::integer AS identity_id, r.rolname::text AS identity_name, 'role'::text AS identity_type
FROM pg_catalog.rs_system_privilege_grants p
JOIN pg_catalog.pg_roles r ON r.rolname = p.role_name
WHERE pg_catalog.rs_is_superuser() OR pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER');

-- SVV_DEFAULT_PRIVILEGES: others see only default permissions granted to them.
CREATE VIEW pg_catalog.svv_default_privileges AS
SELECT n.nspname::text AS schema_name,
       CASE d.defaclobjtype WHEN 'r' THEN 'RELATION' WHEN 'f' THEN 'FUNCTION' WHEN 'p' THEN 'PROCEDURE' ELSE 'OTHER' END::text AS object_type,
       d.defaclrole::integer AS owner_id,
       pg_catalog.pg_get_userbyid(d.defaclrole)::text AS owner_name,
       'user'::text AS owner_type,
       a.privilege_type::text AS privilege_type,
       a.grantee::integer AS grantee_id,
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END::text AS grantee_name,
       CASE WHEN a.grantee = 0 THEN 'public' WHEN g.rolcanlogin THEN 'user' ELSE 'role' END::text AS grantee_type,
       a.is_grantable AS admin_option
FROM pg_catalog.pg_default_acl d
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) a
LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
WHERE pg_catalog.rs_is_superuser() OR a.grantee = 0 OR pg_catalog.pg_has_role(current_user, a.grantee, 'MEMBER');

-- SVV_SCHEMA_PRIVILEGES: explicit schema grants (scope SCHEMA) plus scoped permissions (scope TABLES).
CREATE VIEW pg_catalog.svv_schema_privileges AS
SELECT n.nspname::text AS namespace_name, a.privilege_type::text AS privilege_type, a.grantee::integer AS identity_id,
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END::text AS identity_name,
       CASE WHEN a.grantee = 0 THEN 'public' WHEN g.rolcanlogin THEN 'user' ELSE 'role' END::text AS identity_type,
       a.is_grantable AS admin_option, 'SCHEMA'::text AS privilege_scope
FROM pg_catalog.pg_namespace n
CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) a
LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
UNION ALL
SELECT s.namespace_name, s.privilege_type, NULL::integer, s.identity_name, s.identity_type, false, s.privilege_scope
FROM pg_catalog.rs_scoped_privileges s
WHERE s.namespace_name IS NOT NULL;

-- SVV_DATABASE_PRIVILEGES: explicit database grants plus database-scoped permissions.
CREATE VIEW pg_catalog.svv_database_privileges AS
SELECT d.datname::text AS database_name, a.privilege_type::text AS privilege_type, a.grantee::integer AS identity_id,
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END::text AS identity_name,
       CASE WHEN a.grantee = 0 THEN 'public' WHEN g.rolcanlogin THEN 'user' ELSE 'role' END::text AS identity_type,
       a.is_grantable AS admin_option, 'DATABASE'::text AS privilege_scope
FROM pg_catalog.pg_database d
CROSS JOIN LATERAL pg_catalog.aclexplode(d.datacl) a
LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
UNION ALL
SELECT s.database_name, s.privilege_type, NULL::integer, s.identity_name, s.identity_type, false, s.privilege_scope
FROM pg_catalog.rs_scoped_privileges s
WHERE s.namespace_name IS NULL;

-- USER_IS_MEMBER_OF(user, role): follows nested roles, like PostgreSQL's pg_has_role.
CREATE FUNCTION pg_catalog.user_is_member_of(user_name text, role_name text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT pg_catalog.pg_has_role(user_name, role_name, 'MEMBER') $$;

-- CREATE FUNCTION needs the CREATE OR REPLACE FUNCTION system permission (through a role) or
-- superuser, as on Redshift: enforced with an event trigger.
CREATE FUNCTION pg_catalog.rs_check_create_function() RETURNS event_trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF pg_catalog.rs_is_superuser() THEN
        RETURN;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM pg_catalog.rs_system_privilege_grants p
        WHERE upper(p.system_privilege) = 'CREATE OR REPLACE FUNCTION'
          AND pg_catalog.pg_has_role(current_user, p.role_name, 'MEMBER')) THEN
        RAISE EXCEPTION 'permission denied to create function' USING ERRCODE = '42501';
    END IF;
END
$$;
CREATE EVENT TRIGGER rs_create_function ON ddl_command_start WHEN TAG IN ('CREATE FUNCTION')
    EXECUTE FUNCTION pg_catalog.rs_check_create_function();

-- Like Redshift's system views, readable by everyone (the views filter rows themselves).
GRANT SELECT ON pg_catalog.svv_roles, pg_catalog.svv_user_grants, pg_catalog.svv_role_grants,
    pg_catalog.svv_system_privileges, pg_catalog.svv_default_privileges, pg_catalog.svv_schema_privileges,
    pg_catalog.svv_database_privileges TO PUBLIC;

-- ===== Table privileges: materialized views, identifier folding, the oid form, slow catalog =====

-- Materialized views: Redshift lists one as a VIEW plus its storage table mv_tbl__<name>__0 in the
-- same schema (the query plans in https://docs.aws.amazon.com/redshift/latest/dg/materialized-view-auto-rewrite.html
-- scan mv_tbl__tickets_mv__0 for the materialized view tickets_mv).
-- rs_create_materialized_view() builds that shape and records the view for STV_MV_INFO/SVV_MV_INFO,
-- which are "visible to all users. Superusers can see all rows; regular users can see only their own
-- data" (https://docs.aws.amazon.com/redshift/latest/dg/r_STV_MV_INFO.html,
-- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_MV_INFO.html); names are char(128), padded.
CREATE TABLE pg_catalog.rs_materialized_views (db_name text NOT NULL, schema_name text NOT NULL, name text NOT NULL, owner_name text NOT NULL);

CREATE FUNCTION pg_catalog.rs_create_materialized_view(schema_name text, mv_name text, query text) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('CREATE TABLE %I.%I AS %s', schema_name, 'mv_tbl__' || mv_name || '__0', query);
    EXECUTE format('CREATE VIEW %I.%I AS SELECT * FROM %I.%I', schema_name, mv_name, schema_name, 'mv_tbl__' || mv_name || '__0');
    INSERT INTO pg_catalog.rs_materialized_views VALUES (current_database(), schema_name, mv_name, current_user);
END
$$;

CREATE VIEW pg_catalog.stv_mv_info AS
SELECT m.db_name::char(128) AS db_name, m.schema_name::char(128) AS schema, m.name::char(128) AS name,
       0::bigint AS updated_upto_xid, 'f'::char(1) AS is_stale, m.owner_name::char(128) AS owner_user_name,
       1 AS state, 'f'::char(1) AS autorefresh, 'f'::char(1) AS autorewrite
FROM pg_catalog.rs_materialized_views m
WHERE pg_catalog.rs_is_superuser() OR m.owner_name = current_user;

CREATE VIEW pg_catalog.svv_mv_info AS
SELECT m.db_name::char(128) AS database_name, m.schema_name::char(128) AS schema_name, m.owner_name::char(128) AS user_name,
       m.name::char(128) AS name, 'f'::char(1) AS is_stale, 1 AS state, 'f'::char(1) AS autorewrite, 'f'::char(1) AS autorefresh
FROM pg_catalog.rs_materialized_views m
WHERE pg_catalog.rs_is_superuser() OR m.owner_name = current_user;

GRANT SELECT ON pg_catalog.stv_mv_info, pg_catalog.svv_mv_info TO PUBLIC;

-- The schemas below override has_table_privilege for one login, by putting the schema before
-- pg_catalog in that login's search_path (ALTER ROLE ... IN DATABASE ... SET search_path).

-- Identifier folding: with enable_case_sensitive_identifier off (the default), "ASCII letters in
-- delimited identifiers are case-insensitive and are folded to lowercase"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html,
-- https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html): a table
-- created as "MixedCase" in a case-sensitive session is not found by its quoted name.
CREATE SCHEMA rs_identifier_folding;
GRANT USAGE ON SCHEMA rs_identifier_folding TO PUBLIC;
CREATE FUNCTION rs_identifier_folding.has_table_privilege(user_name text, table_name text, privilege text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT pg_catalog.has_table_privilege(user_name::name, pg_catalog.translate(table_name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), privilege) $$;

-- A server that rejects has_table_privilege(user, oid, privilege): the function page documents the
-- name form only (https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_TABLE_PRIVILEGE.html).
CREATE SCHEMA rs_without_oid_privilege;
GRANT USAGE ON SCHEMA rs_without_oid_privilege TO PUBLIC;
CREATE FUNCTION rs_without_oid_privilege.has_table_privilege(user_name text, table_oid oid, privilege text) RETURNS boolean LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'function has_table_privilege(character varying, oid, "unknown") does not exist' USING ERRCODE = '42883'; END $$;

-- A slow catalog: table and database privilege lookups first sleep rs.slow_table_privilege_seconds /
-- rs.slow_database_privilege_seconds (unset: no sleep), so a test can time out a statement or
-- terminate the backend while it runs.
CREATE SCHEMA rs_slow_catalog;
GRANT USAGE ON SCHEMA rs_slow_catalog TO PUBLIC;
CREATE FUNCTION rs_slow_catalog.rs_sleep(setting text) RETURNS void LANGUAGE plpgsql VOLATILE AS
$$ BEGIN PERFORM pg_catalog.pg_sleep(COALESCE(NULLIF(pg_catalog.current_setting(setting, true), '')::float8, 0)); END $$;
CREATE FUNCTION rs_slow_catalog.has_table_privilege(user_name text, table_oid oid, privilege text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS
$$ BEGIN PERFORM rs_slow_catalog.rs_sleep('rs.slow_table_privilege_seconds'); RETURN pg_catalog.has_table_privilege(user_name::name, table_oid, privilege); END $$;
CREATE FUNCTION rs_slow_catalog.has_table_privilege(user_name text, table_name text, privilege text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS
$$ BEGIN PERFORM rs_slow_catalog.rs_sleep('rs.slow_table_privilege_seconds'); RETURN pg_catalog.has_table_privilege(user_name::name, table_name, privilege); END $$;
CREATE FUNCTION rs_slow_catalog.has_database_privilege(user_name text, database_name text, privilege text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS
$$ BEGIN PERFORM rs_slow_catalog.rs_sleep('rs.slow_database_privilege_seconds'); RETURN pg_catalog.has_database_privilege(user_name::name, database_name, privilege); END $$;

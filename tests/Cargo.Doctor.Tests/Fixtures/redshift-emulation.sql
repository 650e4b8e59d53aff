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

-- ACCESS SYSTEM TABLE is a system permission granted to a role
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-system-privileges.html); superusers and
-- holders see every row of the svv_* grant views. A test grants it with
-- rs_grant_system_privilege('ACCESS SYSTEM TABLE', role) and GRANT role TO login.
CREATE FUNCTION pg_catalog.rs_has_system_table_access() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT pg_catalog.rs_is_superuser() OR EXISTS (
       SELECT 1 FROM pg_catalog.rs_system_privilege_grants p
       WHERE upper(p.system_privilege) = 'ACCESS SYSTEM TABLE'
         AND pg_catalog.pg_has_role(current_user, p.role_name, 'MEMBER')) $$;

-- Redshift user groups (CREATE GROUP g WITH USER u, https://docs.aws.amazon.com/redshift/latest/dg/r_Groups.html)
-- are neither users nor RBAC roles. Here a group is a NOLOGIN role marked by its comment (roles
-- are cluster-wide, so is the mark), created with rs_create_group(group, user).
CREATE FUNCTION pg_catalog.rs_is_group(role_oid oid) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT COALESCE(pg_catalog.shobj_description(role_oid, 'pg_authid') = 'redshift user group', false) $$;

CREATE FUNCTION pg_catalog.rs_create_group(group_name text, member text) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('CREATE ROLE %I NOLOGIN', group_name);
    EXECUTE format('COMMENT ON ROLE %I IS %L', group_name, 'redshift user group');
    EXECUTE format('GRANT %I TO %I', group_name, member);
END
$$;

-- "identities they have access to or own" (SVV_SCHEMA_PRIVILEGES and SVV_DATABASE_PRIVILEGES): all for
-- superusers and ACCESS SYSTEM TABLE; otherwise the user itself and roles it holds (not PUBLIC,
-- id 0, nor groups: the pages do not say, so the emulation hides them).
CREATE FUNCTION pg_catalog.rs_sees_identity(identity oid) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT pg_catalog.rs_has_system_table_access()
       OR (identity IS NOT NULL AND identity <> 0 AND NOT pg_catalog.rs_is_group(identity)
           AND pg_catalog.pg_has_role(current_user, identity, 'MEMBER')) $$;

-- PG_GROUP: groname, grosysid, grolist (user ids), as in the Groups page above; lists groups only.
DROP VIEW pg_catalog.pg_group;
CREATE VIEW pg_catalog.pg_group AS
SELECT r.rolname AS groname, r.oid AS grosysid,
       ARRAY(SELECT m.member FROM pg_catalog.pg_auth_members m WHERE m.roleid = r.oid) AS grolist
FROM pg_catalog.pg_roles r
WHERE pg_catalog.rs_is_group(r.oid);
GRANT SELECT ON pg_catalog.pg_group TO PUBLIC;

CREATE FUNCTION pg_catalog.rs_grant_system_privilege(privilege text, role text) RETURNS void LANGUAGE sql AS
$$ INSERT INTO pg_catalog.rs_system_privilege_grants VALUES (privilege, role) $$;

-- Kept for tests written before the SQL path: GRANT privileges FOR TABLES IN SCHEMA s TO grantee.
CREATE FUNCTION pg_catalog.rs_grant_for_tables(privileges text, schema_name text, grantee text) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_catalog.rs_scoped_privilege(true, 'TABLES', schema_name, NULL, ARRAY(SELECT upper(trim(p)) FROM unnest(string_to_array(privileges, ',')) p),
        grantee, pg_catalog.rs_identity_kind(grantee));
END
$$;

-- SVV_ROLES: visible to all users.
CREATE VIEW pg_catalog.svv_roles AS
SELECT r.oid::integer AS role_id, r.rolname::text AS role_name, NULL::text AS role_owner, NULL::text AS external_id
FROM pg_catalog.pg_roles r
WHERE NOT r.rolcanlogin AND r.rolname !~ '^pg_' AND NOT pg_catalog.rs_is_group(r.oid);

-- SVV_USER_GRANTS: superusers and ACCESS SYSTEM TABLE see all rows; "Other users can only see roles
-- that are explicitly granted to them." (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_GRANTS.html)
CREATE VIEW pg_catalog.svv_user_grants AS
SELECT u.oid::integer AS user_id, u.rolname::text AS user_name, r.oid::integer AS role_id, r.rolname::text AS role_name, m.admin_option
FROM pg_catalog.pg_auth_members m
JOIN pg_catalog.pg_roles u ON u.oid = m.member
JOIN pg_catalog.pg_roles r ON r.oid = m.roleid
WHERE u.rolcanlogin AND NOT r.rolcanlogin AND r.rolname !~ '^pg_' AND NOT pg_catalog.rs_is_group(r.oid)
  AND (pg_catalog.rs_has_system_table_access() OR u.rolname = current_user);

-- SVV_ROLE_GRANTS: role_name is the grantee. Superusers and ACCESS SYSTEM TABLE see all rows; "Other
-- users can only see identities they have access to or own"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLE_GRANTS.html): here, roles they hold.
CREATE VIEW pg_catalog.svv_role_grants AS
SELECT g.oid::integer AS role_id, g.rolname::text AS role_name, r.oid::integer AS granted_role_id, r.rolname::text AS granted_role_name
FROM pg_catalog.pg_auth_members m
JOIN pg_catalog.pg_roles g ON g.oid = m.member
JOIN pg_catalog.pg_roles r ON r.oid = m.roleid
WHERE NOT g.rolcanlogin AND NOT r.rolcanlogin AND g.rolname !~ '^pg_' AND r.rolname !~ '^pg_'
  AND NOT pg_catalog.rs_is_group(g.oid) AND NOT pg_catalog.rs_is_group(r.oid)
  AND (pg_catalog.rs_has_system_table_access() OR pg_catalog.pg_has_role(current_user, g.oid, 'MEMBER'));

-- SVV_SYSTEM_PRIVILEGES: superusers and ACCESS SYSTEM TABLE see all rows; "Other users can only see
-- identities they have access to or own" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SYSTEM_PRIVILEGES.html):
-- here, roles they hold.
CREATE VIEW pg_catalog.svv_system_privileges AS
SELECT p.system_privilege, r.oid::integer AS identity_id, r.rolname::text AS identity_name, 'role'::text AS identity_type
FROM pg_catalog.rs_system_privilege_grants p
JOIN pg_catalog.pg_roles r ON r.rolname = p.role_name
WHERE pg_catalog.rs_has_system_table_access() OR pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER');

-- SVV_DEFAULT_PRIVILEGES: superusers and ACCESS SYSTEM TABLE see all rows; "Other users can only see
-- default permissions granted to them" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DEFAULT_PRIVILEGES.html).
-- The page does not say whether a grant to PUBLIC, to a role or to a group they belong to counts
-- as "granted to them": the strict reading here shows only rows naming the user. grantee_type is
-- 'group' for a user group (ALTER DEFAULT PRIVILEGES ... TO GROUP g,
-- https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_DEFAULT_PRIVILEGES.html).
CREATE VIEW pg_catalog.svv_default_privileges AS
SELECT n.nspname::text AS schema_name,
       CASE d.defaclobjtype WHEN 'r' THEN 'RELATION' WHEN 'f' THEN 'FUNCTION' WHEN 'p' THEN 'PROCEDURE' ELSE 'OTHER' END::text AS object_type,
       d.defaclrole::integer AS owner_id,
       pg_catalog.pg_get_userbyid(d.defaclrole)::text AS owner_name,
       'user'::text AS owner_type,
       a.privilege_type::text AS privilege_type,
       a.grantee::integer AS grantee_id,
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END::text AS grantee_name,
       CASE WHEN a.grantee = 0 THEN 'public' WHEN g.rolcanlogin THEN 'user' WHEN pg_catalog.rs_is_group(g.oid) THEN 'group' ELSE 'role' END::text AS grantee_type,
       a.is_grantable AS admin_option
FROM pg_catalog.pg_default_acl d
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) a
LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
WHERE pg_catalog.rs_has_system_table_access() OR g.rolname = current_user;

-- SVV_SCHEMA_PRIVILEGES: explicit schema grants (scope SCHEMA) plus scoped permissions (scope TABLES).
-- Superusers and ACCESS SYSTEM TABLE see all rows; "Other users can only see identities they have
-- access to or own" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SCHEMA_PRIVILEGES.html): here,
-- themselves and roles they hold, not PUBLIC or groups (the page does not say).
CREATE VIEW pg_catalog.svv_schema_privileges AS
SELECT n.nspname::text AS namespace_name, a.privilege_type::text AS privilege_type, a.grantee::integer AS identity_id,
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END::text AS identity_name,
       CASE WHEN a.grantee = 0 THEN 'public' WHEN g.rolcanlogin THEN 'user' WHEN pg_catalog.rs_is_group(g.oid) THEN 'group' ELSE 'role' END::text AS identity_type,
       a.is_grantable AS admin_option, 'SCHEMA'::text AS privilege_scope
FROM pg_catalog.pg_namespace n
CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) a
LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
WHERE pg_catalog.rs_sees_identity(a.grantee)
UNION ALL
SELECT s.namespace_name, s.privilege_type, NULL::integer, s.identity_name, s.identity_type, false, s.privilege_scope
FROM pg_catalog.rs_scoped_privileges s
WHERE s.namespace_name IS NOT NULL
  AND pg_catalog.rs_sees_identity((SELECT oid FROM pg_catalog.pg_roles WHERE rolname = s.identity_name));

-- SVV_DATABASE_PRIVILEGES: explicit database grants plus database-scoped permissions; same visibility
-- as SVV_SCHEMA_PRIVILEGES (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DATABASE_PRIVILEGES.html).
CREATE VIEW pg_catalog.svv_database_privileges AS
SELECT d.datname::text AS database_name, a.privilege_type::text AS privilege_type, a.grantee::integer AS identity_id,
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END::text AS identity_name,
       CASE WHEN a.grantee = 0 THEN 'public' WHEN g.rolcanlogin THEN 'user' WHEN pg_catalog.rs_is_group(g.oid) THEN 'group' ELSE 'role' END::text AS identity_type,
       a.is_grantable AS admin_option, 'DATABASE'::text AS privilege_scope
FROM pg_catalog.pg_database d
CROSS JOIN LATERAL pg_catalog.aclexplode(d.datacl) a
LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
WHERE pg_catalog.rs_sees_identity(a.grantee)
UNION ALL
SELECT s.database_name, s.privilege_type, NULL::integer, s.identity_name, s.identity_type, false, s.privilege_scope
FROM pg_catalog.rs_scoped_privileges s
WHERE s.namespace_name IS NULL
  AND pg_catalog.rs_sees_identity((SELECT oid FROM pg_catalog.pg_roles WHERE rolname = s.identity_name));

-- USER_IS_MEMBER_OF(user, role): follows nested roles, like PostgreSQL's pg_has_role.
CREATE FUNCTION pg_catalog.user_is_member_of(user_name text, role_name text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT pg_catalog.pg_has_role(user_name, role_name, 'MEMBER') $$;

-- Creating a function: "CREATE FUNCTION – superuser, users with the CREATE OR REPLACE FUNCTION
-- permission, users with the USAGE permission on language"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-system-privileges.html), and "By default,
-- USAGE ON LANGUAGE SQL is granted to PUBLIC" (https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html).
-- PostgreSQL itself requires USAGE on the language (and PUBLIC holds it for sql by default), so no
-- trigger is needed for the language path; the system permission path is rs_lend_languages at the end
-- of this file. PostgreSQL's refusal text "permission denied for language sql" (42501) is not confirmed as
-- Redshift's (UNCONFIRMED: match on SQLSTATE).

-- Like Redshift's system views, readable by everyone (the views filter rows themselves).
GRANT SELECT ON pg_catalog.svv_roles, pg_catalog.svv_user_grants, pg_catalog.svv_role_grants,
    pg_catalog.svv_system_privileges, pg_catalog.svv_default_privileges, pg_catalog.svv_schema_privileges,
    pg_catalog.svv_database_privileges TO PUBLIC;

-- STV_SESSIONS (probes' leftover sweep): "Superusers can see all rows; regular users can see only
-- their own data" (https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SESSIONS.html).
CREATE VIEW pg_catalog.stv_sessions AS
SELECT (a.backend_start AT TIME ZONE 'UTC')::timestamp AS starttime, a.pid AS process,
       a.usename::char(50) AS user_name, a.datname::char(50) AS db_name, 0 AS timeout_sec
FROM pg_catalog.pg_stat_activity a
WHERE a.backend_type = 'client backend' AND (pg_catalog.rs_is_superuser() OR a.usename = current_user);
GRANT SELECT ON pg_catalog.stv_sessions TO PUBLIC;

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

-- ===== ASSUMEROLE: per-user control of the IAM roles COPY, UNLOAD, external functions and models may use =====
-- One model for every form of "GRANT ASSUMEROLE ON { 'iam_role' [, ...] | default | ALL } TO { user_name |
-- ROLE role_name | GROUP group_name | PUBLIC } FOR { ALL | COPY | UNLOAD | EXTERNAL FUNCTION | CREATE MODEL }"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html) and REVOKE (r_REVOKE.html): one row per
-- (role or chain, command, grantee). By default PUBLIC may use every role for every command: "To enable the
-- use of the ASSUMEROLE permission for users, roles, and groups, a superuser ... run[s] revoke assumerole on
-- all from public for all"; "Only a database superuser can grant or revoke the ASSUMEROLE permission"; "A
-- superuser always retains the ASSUMEROLE permission"; a chain 'Role1,Role2' is granted as a whole: "You
-- can't specify individual roles within the role chain"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html). That default is the implicit
-- rows ('ALL', each command, public); they are not "explicitly granted", so SVV_IAM_PRIVILEGES hides them.
-- iam_arn holds the chain as granted, 'ALL' for ON ALL (how SVV_IAM_PRIVILEGES shows ON ALL is not on the
-- page: UNCONFIRMED), and 'default-aws-iam-role' for ON default (the page's sample output shows that
-- value). command_type holds COPY, UNLOAD, CREATE MODEL and EXFUNC for EXTERNAL FUNCTION (the column's
-- description says EXTERNAL FUNCTION, its sample output EXFUNC: the sample is followed, UNCONFIRMED).
-- The state is cluster-wide on Redshift; here it lives in each test database (a copy of template1).
CREATE TABLE pg_catalog.rs_iam_privileges (
    iam_arn text NOT NULL, command_type text NOT NULL, identity_name text NOT NULL, identity_type text NOT NULL,
    implicit boolean NOT NULL DEFAULT false);
INSERT INTO pg_catalog.rs_iam_privileges VALUES
    ('ALL', 'COPY', 'public', 'public', true), ('ALL', 'UNLOAD', 'public', 'public', true),
    ('ALL', 'CREATE MODEL', 'public', 'public', true), ('ALL', 'EXFUNC', 'public', 'public', true);
GRANT SELECT ON pg_catalog.rs_iam_privileges TO PUBLIC;

-- FOR ALL is every command; EXTERNAL FUNCTION is stored as EXFUNC (see above).
CREATE FUNCTION pg_catalog.rs_assumerole_commands(commands text[]) RETURNS text[] LANGUAGE sql IMMUTABLE AS
$$ SELECT ARRAY(SELECT DISTINCT x FROM unnest(commands) c,
       unnest(CASE upper(trim(c)) WHEN 'ALL' THEN ARRAY['COPY', 'UNLOAD', 'CREATE MODEL', 'EXFUNC']
                                  WHEN 'EXTERNAL FUNCTION' THEN ARRAY['EXFUNC'] ELSE ARRAY[upper(trim(c))] END) x) $$;

CREATE FUNCTION pg_catalog.rs_assumerole_arn(arn text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$
DECLARE r text;
BEGIN
    IF arn = 'ALL' THEN RETURN 'ALL'; END IF;
    IF lower(arn) = 'default' THEN RETURN 'default-aws-iam-role'; END IF;
    -- "You can chain up to 10 roles" (r_CREATE_EXTERNAL_SCHEMA.html; for ASSUMEROLE the limit and this check's text are UNCONFIRMED).
    IF array_length(string_to_array(arn, ','), 1) > 10 THEN
        RAISE EXCEPTION 'invalid IAM role chain "%": more than 10 roles', arn USING ERRCODE = '22023';
    END IF;
    FOREACH r IN ARRAY string_to_array(arn, ',') LOOP
        IF r !~ '^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$' THEN
            RAISE EXCEPTION 'invalid IAM role ARN "%"', r USING ERRCODE = '22023';
        END IF;
    END LOOP;
    RETURN arn;
END
$$;

-- GRANT/REVOKE ASSUMEROLE ON arns TO/FROM one grantee FOR commands.
CREATE FUNCTION pg_catalog.rs_assumerole(is_grant boolean, arns text[], grantee text, grantee_kind text, commands text[]) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE a text;
DECLARE c text;
BEGIN
    IF NOT pg_catalog.rs_is_superuser() THEN
        -- The rule is the usage notes'; the text is UNCONFIRMED.
        RAISE EXCEPTION 'permission denied: only a superuser can grant or revoke ASSUMEROLE' USING ERRCODE = '42501';
    END IF;
    IF grantee_kind <> 'public' THEN
        PERFORM pg_catalog.rs_check_identity(grantee, grantee_kind);
    END IF;
    FOREACH a IN ARRAY arns LOOP
        FOREACH c IN ARRAY pg_catalog.rs_assumerole_commands(commands) LOOP
            IF is_grant THEN
                INSERT INTO pg_catalog.rs_iam_privileges
                SELECT pg_catalog.rs_assumerole_arn(a), c, grantee, grantee_kind, false
                WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.rs_iam_privileges p
                                  WHERE p.iam_arn = pg_catalog.rs_assumerole_arn(a) AND p.command_type = c
                                    AND p.identity_name = grantee AND p.identity_type = grantee_kind);
            ELSE
                DELETE FROM pg_catalog.rs_iam_privileges p
                WHERE p.iam_arn = pg_catalog.rs_assumerole_arn(a) AND p.command_type = c
                  AND p.identity_name = grantee AND p.identity_type = grantee_kind;
            END IF;
        END LOOP;
    END LOOP;
END
$$;

-- Shortcuts kept for tests written before the SQL path: REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL, and
-- GRANT ASSUMEROLE ON '<chain>' TO <user, role or group> FOR <commands>.
CREATE FUNCTION pg_catalog.rs_revoke_assumerole_from_public() RETURNS void LANGUAGE sql AS
$$ SELECT pg_catalog.rs_assumerole(false, ARRAY['ALL'], 'public', 'public', ARRAY['ALL']) $$;

CREATE FUNCTION pg_catalog.rs_grant_assumerole(chain text, grantee text, commands text) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_catalog.rs_assumerole(true, ARRAY[chain],
        CASE WHEN lower(grantee) = 'public' THEN 'public' ELSE grantee END,
        CASE WHEN lower(grantee) = 'public' THEN 'public' ELSE pg_catalog.rs_identity_kind(grantee) END,
        string_to_array(commands, ','));
END
$$;

-- HAS_ASSUMEROLE_PRIVILEGE([user,] iam_role_arn, cmd_type): "Superusers and users can use this function.
-- However, users can only view their own privileges." (https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_ASSUMEROLE_PRIVILEGE.html).
-- True for a superuser, or when a row for that chain (or ALL; or the default role when asked for 'default')
-- and command names PUBLIC, the user, a role it holds (nested too) or a group it is in.
CREATE FUNCTION pg_catalog.has_assumerole_privilege(user_name text, iam_role_arn text, cmd_type text) RETURNS boolean LANGUAGE plpgsql STABLE AS
$$
BEGIN
    IF NOT pg_catalog.rs_is_superuser() AND user_name <> current_user THEN
        RAISE EXCEPTION 'permission denied: users can only check their own ASSUMEROLE privileges' USING ERRCODE = '42501';
    END IF;
    RETURN COALESCE((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = user_name), false)
        OR EXISTS (
            SELECT 1 FROM pg_catalog.rs_iam_privileges p
            WHERE (p.iam_arn = iam_role_arn OR p.iam_arn = 'ALL' OR (p.iam_arn = 'default-aws-iam-role' AND lower(iam_role_arn) = 'default'))
              AND p.command_type = ANY (pg_catalog.rs_assumerole_commands(ARRAY[cmd_type]))
              AND (p.identity_type = 'public'
                   OR (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = user_name)
                       AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = p.identity_name)
                       AND pg_catalog.pg_has_role(user_name, p.identity_name, 'MEMBER'))));
END
$$;

CREATE FUNCTION pg_catalog.has_assumerole_privilege(iam_role_arn text, cmd_type text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT pg_catalog.has_assumerole_privilege(current_user::text, iam_role_arn, cmd_type) $$;

-- SVV_IAM_PRIVILEGES: "explicitly granted IAM privileges on users, roles and groups"; visible in full
-- to superusers and ACCESS SYSTEM TABLE; "Other users can only see entries they have access to"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_IAM_PRIVILEGES.html): here, like the other
-- views, rows of themselves and roles they hold, not PUBLIC nor groups (the page does not say: UNCONFIRMED).
CREATE VIEW pg_catalog.svv_iam_privileges AS
SELECT p.iam_arn, p.command_type, COALESCE(r.oid::integer, 0) AS identity_id, p.identity_name, p.identity_type
FROM pg_catalog.rs_iam_privileges p
LEFT JOIN pg_catalog.pg_roles r ON r.rolname = p.identity_name AND p.identity_type <> 'public'
WHERE NOT p.implicit
  AND (pg_catalog.rs_has_system_table_access()
       OR (p.identity_type <> 'public' AND pg_catalog.rs_sees_identity(r.oid)));
GRANT SELECT ON pg_catalog.svv_iam_privileges TO PUBLIC;

-- ===== Granted via: explicit table and view grants =====
-- SVV_RELATION_PRIVILEGES: "relation (tables and views) permissions that are explicitly granted to
-- users, roles, and groups in the current database": namespace_name, relation_name, privilege_type
-- (INSERT, SELECT, UPDATE, DELETE, REFERENCES, DROP), identity_id, identity_name, identity_type (user,
-- role, group, public), admin_option. Visible in full to superusers and users with SYSLOG ACCESS
-- UNRESTRICTED (not ACCESS SYSTEM TABLE, unlike the other privilege views); "Other users can only see
-- identities they have access to or own" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_RELATION_PRIVILEGES.html):
-- here, themselves and roles they hold, not PUBLIC nor groups. SYSLOG ACCESS UNRESTRICTED is a user
-- attribute (ALTER USER u SYSLOG ACCESS UNRESTRICTED), recorded here with rs_grant_syslog_unrestricted().
CREATE TABLE pg_catalog.rs_syslog_access_unrestricted (user_name text PRIMARY KEY);
GRANT SELECT ON pg_catalog.rs_syslog_access_unrestricted TO PUBLIC;

CREATE FUNCTION pg_catalog.rs_grant_syslog_unrestricted(user_name text) RETURNS void LANGUAGE sql AS
$$ INSERT INTO pg_catalog.rs_syslog_access_unrestricted VALUES (user_name) $$;

CREATE VIEW pg_catalog.svv_relation_privileges AS
SELECT n.nspname::text AS namespace_name, c.relname::text AS relation_name, a.privilege_type::text AS privilege_type,
       a.grantee::integer AS identity_id,
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(a.grantee) END::text AS identity_name,
       CASE WHEN a.grantee = 0 THEN 'public' WHEN g.rolcanlogin THEN 'user' WHEN pg_catalog.rs_is_group(g.oid) THEN 'group' ELSE 'role' END::text AS identity_type,
       a.is_grantable AS admin_option
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
WHERE c.relkind IN ('r', 'v', 'm', 'p')
  AND a.privilege_type IN ('INSERT', 'SELECT', 'UPDATE', 'DELETE', 'REFERENCES')
  AND (pg_catalog.rs_is_superuser()
       OR EXISTS (SELECT 1 FROM pg_catalog.rs_syslog_access_unrestricted s WHERE s.user_name = current_user)
       OR (a.grantee <> 0 AND NOT pg_catalog.rs_is_group(a.grantee) AND pg_catalog.pg_has_role(current_user, a.grantee, 'MEMBER')));
GRANT SELECT ON pg_catalog.svv_relation_privileges TO PUBLIC;

-- The kind of a Redshift identity: 'user' (a LOGIN role), 'group' (rs_create_group's mark) or 'role'; NULL when none.
CREATE FUNCTION pg_catalog.rs_identity_kind(identity_name text) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT CASE WHEN r.rolcanlogin THEN 'user' WHEN pg_catalog.rs_is_group(r.oid) THEN 'group' ELSE 'role' END
   FROM pg_catalog.pg_roles r WHERE r.rolname = identity_name $$;

-- GRANT ... TO user | ROLE r | GROUP g names an identity of that kind
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html). The stand-in checks each grantee with this
-- before PostgreSQL runs the grant (which would take any role). Texts and SQLSTATE 42704 are UNCONFIRMED.
CREATE FUNCTION pg_catalog.rs_check_identity(identity_name text, kind text) RETURNS void LANGUAGE plpgsql STABLE AS
$$
DECLARE actual text := pg_catalog.rs_identity_kind(identity_name);
BEGIN
    IF actual IS NULL OR actual <> kind THEN
        RAISE EXCEPTION '% "%" does not exist', kind, identity_name USING ERRCODE = '42704';
    END IF;
END
$$;

-- SYSLOG ACCESS { RESTRICTED | UNRESTRICTED } of CREATE USER / ALTER USER (r_CREATE_USER.html, r_ALTER_USER.html).
CREATE FUNCTION pg_catalog.rs_set_syslog_unrestricted(user_name text, unrestricted boolean) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM pg_catalog.rs_syslog_access_unrestricted s WHERE s.user_name = rs_set_syslog_unrestricted.user_name;
    IF unrestricted THEN
        INSERT INTO pg_catalog.rs_syslog_access_unrestricted VALUES (user_name);
    END IF;
END
$$;

-- GRANT / REVOKE a system permission TO / FROM ROLE r (r_GRANT.html; r_roles-system-privileges.html). Who may
-- grant one is not on the pages read: superuser only here (UNCONFIRMED, the strictest reading).
CREATE FUNCTION pg_catalog.rs_system_privilege(is_grant boolean, privilege text, role_name text) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    IF NOT pg_catalog.rs_is_superuser() THEN
        RAISE EXCEPTION 'permission denied to grant or revoke system permission %', privilege USING ERRCODE = '42501';
    END IF;
    DELETE FROM pg_catalog.rs_system_privilege_grants p WHERE upper(p.system_privilege) = upper(privilege) AND p.role_name = rs_system_privilege.role_name;
    IF is_grant THEN
        INSERT INTO pg_catalog.rs_system_privilege_grants VALUES (upper(privilege), role_name);
    END IF;
END
$$;

-- Scoped permissions: "Users and roles with scoped permissions have the specified permissions on all current
-- and future objects within the database or schema" (https://docs.aws.amazon.com/redshift/latest/dg/t_scoped-permissions.html).
-- Recorded in rs_scoped_privileges (shown by SVV_SCHEMA_PRIVILEGES / SVV_DATABASE_PRIVILEGES), granted now on
-- the current tables or schemas, and on future ones by the event trigger rs_scoped_future below. REVOKE also
-- revokes the privilege on the current objects, explicit grants included (UNCONFIRMED).
CREATE FUNCTION pg_catalog.rs_scoped_privilege(is_grant boolean, scope text, schema_name text, database_name text,
    privileges text[], grantee text, grantee_kind text) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE p text;
DECLARE n text;
BEGIN
    -- "You can't grant scoped permissions to user groups."
    -- (https://docs.aws.amazon.com/redshift/latest/dg/t_scoped-permissions-considerations.html)
    IF grantee_kind = 'group' THEN
        RAISE EXCEPTION 'scoped permissions cannot be granted to a user group' USING ERRCODE = '0A000';
    END IF;
    IF database_name IS NOT NULL AND database_name <> current_database() THEN
        RAISE EXCEPTION 'stand-in: scoped permissions on another database are not emulated' USING ERRCODE = '0A000';
    END IF;
    FOREACH p IN ARRAY privileges LOOP
        DELETE FROM pg_catalog.rs_scoped_privileges s
        WHERE s.privilege_scope = scope AND s.namespace_name IS NOT DISTINCT FROM schema_name
          AND s.privilege_type = upper(p) AND s.identity_name = grantee;
        IF is_grant THEN
            INSERT INTO pg_catalog.rs_scoped_privileges VALUES (scope, schema_name, current_database(), upper(p), grantee, grantee_kind);
        END IF;
        IF scope = 'TABLES' THEN
            EXECUTE format(CASE WHEN is_grant THEN 'GRANT %s ON ALL TABLES IN SCHEMA %I TO %I' ELSE 'REVOKE %s ON ALL TABLES IN SCHEMA %I FROM %I' END, p, schema_name, grantee);
        ELSE
            FOR n IN SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname !~ '^(pg_|rs_)' AND nspname <> 'information_schema' LOOP
                EXECUTE format(CASE WHEN is_grant THEN 'GRANT %s ON SCHEMA %I TO %I' ELSE 'REVOKE %s ON SCHEMA %I FROM %I' END, p, n, grantee);
            END LOOP;
        END IF;
    END LOOP;
END
$$;

-- Future objects: a new table or view in a schema with TABLES-scoped rows, or a new schema while
-- SCHEMAS-scoped rows exist, gets those grants (run as its creator, who owns it and so may grant).
CREATE FUNCTION pg_catalog.rs_apply_scoped_privileges() RETURNS event_trigger LANGUAGE plpgsql AS
$$
DECLARE o record;
DECLARE s record;
BEGIN
    FOR o IN SELECT * FROM pg_catalog.pg_event_trigger_ddl_commands() WHERE object_type IN ('table', 'view', 'schema') LOOP
        IF o.object_type = 'schema' THEN
            FOR s IN SELECT * FROM pg_catalog.rs_scoped_privileges p WHERE p.privilege_scope = 'SCHEMAS' AND p.database_name = current_database() LOOP
                EXECUTE format('GRANT %s ON SCHEMA %s TO %I', s.privilege_type, o.object_identity, s.identity_name);
            END LOOP;
        ELSE
            FOR s IN SELECT * FROM pg_catalog.rs_scoped_privileges p WHERE p.privilege_scope = 'TABLES' AND p.namespace_name = o.schema_name LOOP
                EXECUTE format('GRANT %s ON TABLE %s TO %I', s.privilege_type, o.object_identity, s.identity_name);
            END LOOP;
        END IF;
    END LOOP;
END
$$;
CREATE EVENT TRIGGER rs_scoped_future ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'CREATE VIEW', 'CREATE SCHEMA')
    EXECUTE FUNCTION pg_catalog.rs_apply_scoped_privileges();

-- PG_USER.useconfig shows a per-user enable_case_sensitive_identifier (ALTER USER u SET ... TO true) under its
-- Redshift name; the stand-in stores it as the placeholder rs.enable_case_sensitive_identifier. The
-- "name=value" layout of useconfig is PostgreSQL's (Redshift's PG_USER page lists useconfig without a
-- layout: UNCONFIRMED).
CREATE OR REPLACE VIEW pg_catalog.pg_user AS
SELECT s.usename, s.usesysid, s.usecreatedb, s.usesuper, s.userepl, s.usebypassrls, '********'::text AS passwd, s.valuntil,
       CASE WHEN s.useconfig IS NULL THEN NULL
            ELSE ARRAY(SELECT regexp_replace(c, '^rs\.', '') FROM unnest(s.useconfig) c) END AS useconfig
FROM pg_catalog.pg_shadow s;

-- The system-defined roles (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-default.html), granted with
-- GRANT ROLE "sys:dba" TO u. They exist as roles; the permission sets they carry are not modelled.
CREATE ROLE "sys:superuser" NOLOGIN;
CREATE ROLE "sys:dba" NOLOGIN;
CREATE ROLE "sys:secadmin" NOLOGIN;
CREATE ROLE "sys:operator" NOLOGIN;
CREATE ROLE "sys:monitor" NOLOGIN;

-- CREATE FUNCTION by a holder of the CREATE OR REPLACE FUNCTION system permission without USAGE on the
-- language, which Redshift allows (r_roles-system-privileges.html) and PostgreSQL refuses: for that one
-- statement such a holder is lent USAGE on the trusted languages it lacks (ddl_command_start) and the loan
-- is taken back when the statement ends (ddl_command_end; a failed statement rolls it back with its
-- transaction). REPLACE of another user's function by a holder is still refused (PostgreSQL: owner only):
-- not emulated.
CREATE TABLE pg_catalog.rs_lent_language_usage (language_name text NOT NULL, user_name text NOT NULL);

CREATE FUNCTION pg_catalog.rs_lend_languages() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS
$$
DECLARE l text;
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_catalog.rs_system_privilege_grants p
        WHERE upper(p.system_privilege) = 'CREATE OR REPLACE FUNCTION' AND pg_catalog.pg_has_role(session_user, p.role_name, 'MEMBER')) THEN
        RETURN;
    END IF;
    FOR l IN SELECT lanname FROM pg_catalog.pg_language WHERE lanpltrusted AND NOT pg_catalog.has_language_privilege(session_user, lanname, 'USAGE') LOOP
        EXECUTE format('GRANT USAGE ON LANGUAGE %I TO %I', l, session_user);
        INSERT INTO pg_catalog.rs_lent_language_usage VALUES (l, session_user);
    END LOOP;
END
$$;

CREATE FUNCTION pg_catalog.rs_return_languages() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS
$$
DECLARE r record;
BEGIN
    FOR r IN DELETE FROM pg_catalog.rs_lent_language_usage WHERE user_name = session_user RETURNING * LOOP
        EXECUTE format('REVOKE USAGE ON LANGUAGE %I FROM %I', r.language_name, r.user_name);
    END LOOP;
END
$$;
CREATE EVENT TRIGGER rs_function_lend ON ddl_command_start WHEN TAG IN ('CREATE FUNCTION') EXECUTE FUNCTION pg_catalog.rs_lend_languages();
CREATE EVENT TRIGGER rs_function_return ON ddl_command_end WHEN TAG IN ('CREATE FUNCTION') EXECUTE FUNCTION pg_catalog.rs_return_languages();

-- ===== History: the statements that failed, as SYS_QUERY_HISTORY, SYS_LOAD_ERROR_DETAIL and SYS_UNLOAD_HISTORY show them =====
-- Columns as documented (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html,
-- https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html; the statistics columns
-- Cargo Doctor does not read are left out). Both pages: "visible to all users. Superusers can see all
-- rows; regular users can see only their own data". SYSLOG ACCESS UNRESTRICTED (which shows a regular
-- user every row, https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_USER.html) is not emulated.
-- The rows are written by the stand-in, one for each statement that failed through it (the error it
-- returned), never by a test (a scale test may bulk insert).
CREATE TABLE pg_catalog.rs_query_history (
    user_id integer NOT NULL, query_id bigserial, transaction_id bigint, session_id integer, database_name text,
    query_type text, status text NOT NULL, start_time timestamp NOT NULL, end_time timestamp,
    error_message text, query_text text);
CREATE TABLE pg_catalog.rs_load_error_detail (
    user_id integer NOT NULL, query_id bigint, transaction_id bigint, session_id integer, database_name text,
    table_id integer, start_time timestamp NOT NULL, file_name text, line_number bigint, column_name text,
    column_type text, column_length text, position integer, error_code integer, error_message text);

CREATE VIEW pg_catalog.sys_query_history AS
SELECT h.user_id, h.query_id, h.transaction_id, h.session_id, h.database_name::char(128) AS database_name,
       h.query_type::char(32) AS query_type, h.status::char(10) AS status, h.start_time, h.end_time,
       h.error_message::char(512) AS error_message, left(h.query_text, 4000)::char(4000) AS query_text
FROM pg_catalog.rs_query_history h
WHERE pg_catalog.rs_is_superuser() OR h.user_id = (SELECT r.oid::integer FROM pg_catalog.pg_roles r WHERE r.rolname = current_user);

CREATE VIEW pg_catalog.sys_load_error_detail AS
SELECT d.user_id, d.query_id, d.transaction_id, d.session_id, d.database_name::char(64) AS database_name, d.table_id,
       d.start_time, d.file_name::char(256) AS file_name, d.line_number, d.column_name::char(127) AS column_name,
       d.column_type::char(10) AS column_type, d.column_length::char(10) AS column_length, d.position, d.error_code,
       d.error_message::char(512) AS error_message
FROM pg_catalog.rs_load_error_detail d
WHERE pg_catalog.rs_is_superuser() OR d.user_id = (SELECT r.oid::integer FROM pg_catalog.pg_roles r WHERE r.rolname = current_user);
-- SYS_UNLOAD_HISTORY (https://docs.aws.amazon.com/redshift/latest/dg/SYS_UNLOAD_HISTORY.html): every
-- documented column; status is one of running, completed, aborted, unknown (a failed UNLOAD is 'aborted',
-- with its error_message); "Superusers can see all rows; regular users can see only their own data".
-- The stand-in writes an aborted row with each UNLOAD that failed through it (same query_id as its
-- SYS_QUERY_HISTORY row).
CREATE TABLE pg_catalog.rs_unload_history (
    user_id integer NOT NULL, query_id bigint, transaction_id bigint, session_id integer, database_name text,
    status text NOT NULL, start_time timestamp NOT NULL, end_time timestamp, duration bigint, file_format text,
    compression_type text, unloaded_location text, unloaded_rows bigint, unloaded_files_count bigint,
    unloaded_files_size bigint, error_message text);

CREATE VIEW pg_catalog.sys_unload_history AS
SELECT u.user_id, u.query_id, u.transaction_id, u.session_id, u.database_name, u.status, u.start_time, u.end_time,
       u.duration, u.file_format, u.compression_type, u.unloaded_location, u.unloaded_rows, u.unloaded_files_count,
       u.unloaded_files_size, u.error_message
FROM pg_catalog.rs_unload_history u
WHERE pg_catalog.rs_is_superuser() OR u.user_id = (SELECT r.oid::integer FROM pg_catalog.pg_roles r WHERE r.rolname = current_user);
GRANT SELECT ON pg_catalog.sys_query_history, pg_catalog.sys_load_error_detail, pg_catalog.sys_unload_history TO PUBLIC;

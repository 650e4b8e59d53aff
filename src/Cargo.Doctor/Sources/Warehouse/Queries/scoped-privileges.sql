-- db.future-grants: scoped permissions (GRANT ... FOR TABLES IN SCHEMA / DATABASE) cover current
-- and future tables whoever creates them. Without superuser or ACCESS SYSTEM TABLE, "Other users can
-- only see identities they have access to or own"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SCHEMA_PRIVILEGES.html).
SELECT namespace_name AS schema_name, privilege_type, identity_name, identity_type
FROM svv_schema_privileges
WHERE privilege_scope = 'TABLES'
  AND namespace_name IN ({schemas})
UNION ALL
SELECT NULL AS schema_name, privilege_type, identity_name, identity_type
FROM svv_database_privileges
WHERE privilege_scope = 'TABLES'
  AND database_name = current_database()

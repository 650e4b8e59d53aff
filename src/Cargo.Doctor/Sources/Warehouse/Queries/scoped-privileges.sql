-- db.future-grants: scoped permissions (GRANT ... FOR TABLES IN SCHEMA / DATABASE) cover current
-- and future tables whoever creates them.
SELECT namespace_name AS schema_name, privilege_type, identity_name, identity_type
FROM svv_schema_privileges
WHERE privilege_scope = 'TABLES'
  AND namespace_name IN ({schemas})
UNION ALL
SELECT NULL AS schema_name, privilege_type, identity_name, identity_type
FROM svv_database_privileges
WHERE privilege_scope = 'TABLES'
  AND database_name = current_database()

-- db.future-grants: default privileges (ALTER DEFAULT PRIVILEGES) on tables of the configured
-- schemas, or of every schema (schema_name NULL). A non-superuser sees only those granted to it.
SELECT schema_name, owner_name, privilege_type, grantee_name, grantee_type
FROM svv_default_privileges
WHERE object_type = 'RELATION'
  AND (schema_name IS NULL OR schema_name IN ({schemas}))

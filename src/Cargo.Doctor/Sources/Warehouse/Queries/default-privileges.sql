-- db.future-grants: default privileges (ALTER DEFAULT PRIVILEGES) on tables of the configured
-- schemas, or of every schema (schema_name NULL). grantee_type is user, role, group or public
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_DEFAULT_PRIVILEGES.html: TO GROUP g).
-- Without superuser or ACCESS SYSTEM TABLE, "Other users can only see default permissions granted
-- to them" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DEFAULT_PRIVILEGES.html).
SELECT schema_name, owner_name, privilege_type, grantee_name, grantee_type
FROM svv_default_privileges
WHERE object_type = 'RELATION'
  AND (schema_name IS NULL OR schema_name IN ({schemas}))

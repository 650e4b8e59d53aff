-- db.schema-usage, granted via: explicit USAGE grants on the configured schemas of this database to the
-- Cargo user, its roles, its user groups or PUBLIC. privilege_scope SCHEMA is a grant on the schema
-- itself (TABLES and FUNCTIONS are scoped permissions on its objects)
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SCHEMA_PRIVILEGES.html). Superusers and ACCESS
-- SYSTEM TABLE see every row; "Other users can only see identities they have access to or own".
SELECT p.namespace_name, p.privilege_type, p.identity_name, p.identity_type
FROM svv_schema_privileges p
WHERE p.namespace_name IN ({schemas})
  AND p.privilege_scope = 'SCHEMA'
  AND p.privilege_type = 'USAGE'
  AND (p.identity_type = 'public'
       OR (p.identity_type = 'user' AND p.identity_name = @user)
       OR (p.identity_type = 'role' AND p.identity_name IN ({roles}))
       OR (p.identity_type = 'group' AND p.identity_name IN ({groups})))

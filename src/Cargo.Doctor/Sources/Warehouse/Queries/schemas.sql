-- db.schema-usage: every configured schema of this database, matched case-insensitively so a
-- missing schema can say "did you mean". has_* are leader-node functions: drive them from
-- pg_catalog only, never join svv_* views here.
SELECT n.nspname AS schema_name,
       pg_get_userbyid(n.nspowner) AS owner_name,
       has_schema_privilege(@user, n.nspname, 'USAGE') AS has_usage,
       has_schema_privilege(current_user, n.nspname, 'USAGE') AS login_has_usage
FROM pg_catalog.pg_namespace n
WHERE lower(n.nspname) IN ({schemas_lower})

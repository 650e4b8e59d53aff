-- db.table-grants: the Cargo user's effective privileges on every table and view of every
-- configured schema of this database, in one statement (never one per table).
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END AS kind,
       pg_get_userbyid(c.relowner) AS owner_name,
       has_table_privilege(@user, quote_ident(n.nspname) || '.' || quote_ident(c.relname), 'SELECT') AS can_select,
       has_table_privilege(@user, quote_ident(n.nspname) || '.' || quote_ident(c.relname), 'INSERT') AS can_insert,
       has_table_privilege(@user, quote_ident(n.nspname) || '.' || quote_ident(c.relname), 'UPDATE') AS can_update,
       has_table_privilege(@user, quote_ident(n.nspname) || '.' || quote_ident(c.relname), 'DELETE') AS can_delete
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v', 'm', 'p')
  AND n.nspname IN ({schemas})
  -- Resolving a table name needs USAGE on its schema for the login itself; without it the whole
  -- statement would fail, so such schemas are reported as not checked instead.
  AND has_schema_privilege(current_user, n.nspname, 'USAGE')

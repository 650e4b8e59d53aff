-- db.table-grants: the Cargo user's effective privileges on every table and view of every
-- configured schema of this database, in one statement (never one per table). Only schemas the
-- login itself has USAGE on are listed: resolving a table name needs it, and without it the whole
-- statement would fail (the reader reports such schemas as not examined).
SELECT t.schema_name, t.table_name, t.kind, t.owner_name,
       has_table_privilege(@user, t.qualified_name, 'SELECT') AS can_select,
       has_table_privilege(@user, t.qualified_name, 'INSERT') AS can_insert,
       has_table_privilege(@user, t.qualified_name, 'UPDATE') AS can_update,
       has_table_privilege(@user, t.qualified_name, 'DELETE') AS can_delete
FROM (
    SELECT n.nspname AS schema_name,
           c.relname AS table_name,
           CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END AS kind,
           pg_get_userbyid(c.relowner) AS owner_name,
           quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qualified_name
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'v', 'm', 'p')
      AND n.nspname IN ({schemas})
) t

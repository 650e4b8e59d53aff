-- db.table-grants: the Cargo user's effective privileges on every table and view of every
-- configured schema of this database, in one statement (never one per table). Only schemas the
-- login itself has USAGE on are listed (the reader reports the others as not examined).
-- has_table_privilege takes the table's oid, not its name: a name lookup folds quoted identifiers to
-- lower case when enable_case_sensitive_identifier is off, so a table created as "MixedCase" in a
-- case-sensitive session is not found by name and fails the whole statement
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html,
-- https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html). The
-- function page documents the name form only
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_TABLE_PRIVILEGE.html), but the leader node
-- lists has_table_privilege(name, oid, text); when a server rejects it the reader falls back to
-- table-privileges-by-name.sql. A NULL answer (table dropped meanwhile) is read as "unknown".
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END AS kind,
       pg_get_userbyid(c.relowner) AS owner_name,
       has_table_privilege(@user, c.oid, 'SELECT') AS can_select,
       has_table_privilege(@user, c.oid, 'INSERT') AS can_insert,
       has_table_privilege(@user, c.oid, 'UPDATE') AS can_update,
       has_table_privilege(@user, c.oid, 'DELETE') AS can_delete,
       false AS name_folded
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v', 'm', 'p')
  AND n.nspname IN ({schemas})

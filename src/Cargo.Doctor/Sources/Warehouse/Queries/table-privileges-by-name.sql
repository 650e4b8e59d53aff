-- db.table-grants (fallback when the server rejects has_table_privilege by oid): the same answer
-- looked up by quoted name. A name with ASCII upper case would be folded to lower case and not found
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html), failing the whole statement: such
-- tables are not looked up (NULL, name_folded) and reported as unknown, one by one.
SELECT t.schema_name, t.table_name, t.kind, t.owner_name,
       CASE WHEN t.name_folded THEN NULL ELSE has_table_privilege(@user, t.qualified_name, 'SELECT') END AS can_select,
       CASE WHEN t.name_folded THEN NULL ELSE has_table_privilege(@user, t.qualified_name, 'INSERT') END AS can_insert,
       CASE WHEN t.name_folded THEN NULL ELSE has_table_privilege(@user, t.qualified_name, 'UPDATE') END AS can_update,
       CASE WHEN t.name_folded THEN NULL ELSE has_table_privilege(@user, t.qualified_name, 'DELETE') END AS can_delete,
       t.name_folded
FROM (
    SELECT n.nspname AS schema_name,
           c.relname AS table_name,
           CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END AS kind,
           pg_get_userbyid(c.relowner) AS owner_name,
           quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qualified_name,
           (n.nspname ~ '[A-Z]' OR c.relname ~ '[A-Z]') AS name_folded
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'v', 'm', 'p')
      AND n.nspname IN ({schemas})
) t

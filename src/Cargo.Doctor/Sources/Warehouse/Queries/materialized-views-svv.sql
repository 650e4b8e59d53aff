-- db.table-grants: materialized views of the configured schemas as SVV_MV_INFO lists them. "Regular
-- users can see only their own data" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_MV_INFO.html):
-- an empty answer proves nothing, the storage table mv_tbl__<name>__0 still identifies the others.
-- Names are char(128): trimmed. A system view: never joined with the has_* functions.
SELECT rtrim(m.schema_name) AS schema_name, rtrim(m.name) AS mv_name
FROM svv_mv_info m
WHERE rtrim(m.database_name) = @database
  AND rtrim(m.schema_name) IN ({schemas})

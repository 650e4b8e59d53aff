-- db.table-grants: materialized views as STV_MV_INFO lists them (read too: its visibility is documented
-- as "only their own data" in English and as "schemas they have access to" in other languages of
-- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_MV_INFO.html). Names are char(128): trimmed.
SELECT rtrim(m.schema) AS schema_name, rtrim(m.name) AS mv_name
FROM stv_mv_info m
WHERE rtrim(m.db_name) = @database
  AND rtrim(m.schema) IN ({schemas})

-- db.database-privileges: CREATE (Cargo creates its own schemas) and TEMP on every configured
-- database, in one statement (pg_database is shared by the whole cluster). Databases that are
-- missing simply return no row. Matched case-insensitively: Redshift folds database names to lower
-- case (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html), so a configured "Sales" may be
-- stored as "sales"; DatabaseSpellings decides which stored spelling a configured name means.
SELECT d.datname AS database_name,
       has_database_privilege(@user, d.datname, 'CREATE') AS can_create,
       has_database_privilege(@user, d.datname, 'TEMP') AS can_temp
FROM pg_catalog.pg_database d
WHERE lower(d.datname) IN ({databases_lower})

-- db.database-privileges: CREATE (Cargo creates its own schemas) and TEMP on every configured
-- database, in one statement (pg_database is shared by the whole cluster). Databases that are
-- missing simply return no row.
SELECT d.datname AS database_name,
       has_database_privilege(@user, d.datname, 'CREATE') AS can_create,
       has_database_privilege(@user, d.datname, 'TEMP') AS can_temp
FROM pg_catalog.pg_database d
WHERE d.datname IN ({databases})

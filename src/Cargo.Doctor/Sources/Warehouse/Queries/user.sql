-- db.user-exists: the Cargo user in the cluster-wide user catalog.
SELECT u.usename, u.usesuper
FROM pg_catalog.pg_user u
WHERE u.usename = @user

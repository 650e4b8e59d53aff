-- check: db.connect
-- Who we are and what we talk to. One row.
SELECT version() AS server_version,
       current_user AS login_user,
       COALESCE((SELECT u.usesuper FROM pg_catalog.pg_user u WHERE u.usename = current_user), false) AS login_is_superuser

-- db.schema-usage: per-user session defaults (ALTER USER ... SET enable_case_sensitive_identifier) of the
-- Cargo user and of the login, when they are two users: PG_USER.useconfig
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_PG_USER.html is PostgreSQL's pg_user view).
SELECT u.usename, u.useconfig
FROM pg_catalog.pg_user u
WHERE u.usename IN (@user, current_user)

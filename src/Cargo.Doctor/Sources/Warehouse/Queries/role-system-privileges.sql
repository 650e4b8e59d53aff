-- db.function-role: system privileges (e.g. CREATE OR REPLACE FUNCTION) held by roles.
-- Without superuser or ACCESS SYSTEM TABLE, "Other users can only see identities they have access
-- to or own" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SYSTEM_PRIVILEGES.html): roles they hold.
SELECT p.identity_name AS role_name, p.system_privilege
FROM svv_system_privileges p
WHERE p.identity_type = 'role'

-- db.function-role: system privileges (e.g. CREATE OR REPLACE FUNCTION) held by roles.
-- Non-superusers see only roles they hold or own.
SELECT p.identity_name AS role_name, p.system_privilege
FROM svv_system_privileges p
WHERE p.identity_type = 'role'

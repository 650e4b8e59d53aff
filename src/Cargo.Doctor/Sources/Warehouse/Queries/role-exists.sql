-- db.function-role: does the function-creation role exist? svv_roles is visible to all users.
SELECT r.role_name
FROM svv_roles r
WHERE r.role_name = @role

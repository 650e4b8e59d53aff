-- db.function-role: roles granted directly to the Cargo user.
SELECT g.role_name
FROM svv_user_grants g
WHERE g.user_name = @user

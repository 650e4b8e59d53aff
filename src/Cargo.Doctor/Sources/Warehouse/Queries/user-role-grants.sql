-- db.function-role: roles granted directly to the Cargo user. Complete only for a superuser, a
-- login with ACCESS SYSTEM TABLE, or the Cargo user itself: "Other users can only see roles that
-- are explicitly granted to them" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_GRANTS.html).
SELECT g.role_name
FROM svv_user_grants g
WHERE g.user_name = @user

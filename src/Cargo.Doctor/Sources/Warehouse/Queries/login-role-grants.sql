-- db.function-role, db.future-grants: roles granted directly to the login itself. A login always
-- sees its own rows of svv_user_grants ("Other users can only see roles that are explicitly
-- granted to them", https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_GRANTS.html); with
-- the role edges and system permissions it tells whether the login holds ACCESS SYSTEM TABLE.
SELECT g.user_name, g.role_name
FROM svv_user_grants g
WHERE g.user_name = current_user

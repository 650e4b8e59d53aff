-- db.function-role: does the function-creation role exist? svv_roles is visible to all users. Roles spelled
-- like it in another case are listed too: r_names.html says how identifiers fold, but is silent on role names
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html), so either spelling could be the one meant.
SELECT r.role_name
FROM svv_roles r
WHERE lower(r.role_name) = lower(@role)

-- db.function-role: role-to-role grants (role_name is the grantee), to follow nested roles.
-- The views list explicit grants only, so the closure is computed by the tool. A login without
-- superuser or ACCESS SYSTEM TABLE sees only "identities they have access to or own"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLE_GRANTS.html).
SELECT g.role_name, g.granted_role_name
FROM svv_role_grants g

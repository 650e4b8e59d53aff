-- db.function-role: role-to-role grants (role_name is the grantee), to follow nested roles.
-- The views list explicit grants only, so the closure is computed by the tool.
SELECT g.role_name, g.granted_role_name
FROM svv_role_grants g

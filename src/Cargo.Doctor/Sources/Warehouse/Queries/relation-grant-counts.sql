-- db.table-grants, granted via: how many tables and views of each configured schema each grantee that
-- reaches the Cargo user (itself, its roles, its user groups, PUBLIC) holds each privilege on, and how
-- many hold it through any of them (grantee '*'). Counted by the server so the answer is a few rows per
-- schema whatever the number of tables. Columns and values:
-- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_RELATION_PRIVILEGES.html (namespace_name,
-- relation_name, privilege_type INSERT/SELECT/UPDATE/DELETE/REFERENCES/DROP, identity_name,
-- identity_type user/role/group/public). Visible in full to superusers and SYSLOG ACCESS UNRESTRICTED;
-- "Other users can only see identities they have access to or own". A system view: never joined with
-- the has_* functions. COUNT(DISTINCT): one table may be listed once per grantor.
-- The view is read once: both counts are grouping sets of the same rows, which the page equates
-- with a UNION ALL of the two GROUP BYs
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_GROUP_BY_aggregation-extensions.html); the
-- "any grantee" set leaves identity_type NULL, which no listed row has (the WHERE below names its
-- values). A server that refuses the statement leaves a gap on the granted-via lines only.
SELECT p.namespace_name, p.privilege_type,
       COALESCE(p.identity_type, '*') AS identity_type,
       CASE WHEN p.identity_type IS NULL THEN '*' ELSE p.identity_name END AS identity_name,
       COUNT(DISTINCT p.relation_name) AS tables
FROM svv_relation_privileges p
WHERE p.namespace_name IN ({schemas})
  AND p.privilege_type IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE')
  AND (p.identity_type = 'public'
       OR (p.identity_type = 'user' AND p.identity_name = @user)
       OR (p.identity_type = 'role' AND p.identity_name IN ({roles}))
       OR (p.identity_type = 'group' AND p.identity_name IN ({groups})))
GROUP BY GROUPING SETS ((p.namespace_name, p.privilege_type, p.identity_type, p.identity_name),
                        (p.namespace_name, p.privilege_type))

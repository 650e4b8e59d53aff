-- db.future-grants: the Cargo user's user groups, which count as grantees of default privileges
-- (ALTER DEFAULT PRIVILEGES ... TO GROUP g). pg_group is a leader-node catalog; grolist holds user
-- ids; this is the join AWS documents (https://docs.aws.amazon.com/redshift/latest/dg/r_Groups.html).
SELECT g.groname
FROM pg_catalog.pg_group g
JOIN pg_catalog.pg_user u ON u.usesysid = ANY (g.grolist)
WHERE u.usename = @user

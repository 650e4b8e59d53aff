-- db.database-privileges, granted via: explicit CREATE and TEMP grants on the configured databases to
-- the Cargo user, its roles, its user groups or PUBLIC, in one statement ("database permissions that
-- are explicitly granted to users, roles, and groups in your Amazon Redshift cluster": one read serves
-- every database). privilege_type is USAGE, CREATE, TEMPORARY, TEMP or ALTER; privilege_scope DATABASE
-- for grants on the database itself (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DATABASE_PRIVILEGES.html).
-- Superusers and ACCESS SYSTEM TABLE see every row; "Other users can only see identities they have
-- access to or own". A system view: never joined with the has_* functions.
SELECT p.database_name, p.privilege_type, p.identity_name, p.identity_type
FROM svv_database_privileges p
WHERE p.database_name IN ({databases})
  AND p.privilege_scope = 'DATABASE'
  AND p.privilege_type IN ('CREATE', 'TEMP', 'TEMPORARY')
  AND (p.identity_type = 'public'
       OR (p.identity_type = 'user' AND p.identity_name = @user)
       OR (p.identity_type = 'role' AND p.identity_name IN ({roles}))
       OR (p.identity_type = 'group' AND p.identity_name IN ({groups})))

-- db.assume-role-privilege: explicit ASSUMEROLE grants of the role chain, to tell where the privilege
-- comes from. Superusers and ACCESS SYSTEM TABLE see every row; "Other users can only see entries they
-- have access to" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_IAM_PRIVILEGES.html).
-- GRANT ASSUMEROLE ON { 'iam_role' [, ...] | default | ALL } (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html):
-- the chain itself, or ALL (every role and chain). How the view shows an ON ALL grant is not documented: 'ALL'
-- is assumed (UNCONFIRMED). ON default names the default IAM role, which Cargo's statements do not use.
SELECT p.command_type, p.identity_name, p.identity_type, CASE WHEN p.iam_arn = @chain THEN 'chain' ELSE 'all' END AS scope
FROM svv_iam_privileges p
WHERE p.iam_arn = @chain OR upper(p.iam_arn) = 'ALL'

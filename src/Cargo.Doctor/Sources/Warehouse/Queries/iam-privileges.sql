-- db.assume-role-privilege: explicit ASSUMEROLE grants of the role chain, to tell where the privilege
-- comes from. Superusers and ACCESS SYSTEM TABLE see every row; "Other users can only see entries they
-- have access to" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_IAM_PRIVILEGES.html).
SELECT p.command_type, p.identity_name, p.identity_type
FROM svv_iam_privileges p
WHERE p.iam_arn = @chain

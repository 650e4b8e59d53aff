-- db.schema-usage, db.table-grants: whether the server folds identifiers to lower case. "ASCII letters in
-- standard and delimited identifiers are case-insensitive and are folded to lowercase in the database"
-- unless enable_case_sensitive_identifier is true (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html,
-- https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html). PostgreSQL has no
-- such parameter (42704): it keeps quoted names as written.
SHOW enable_case_sensitive_identifier

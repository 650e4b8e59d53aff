-- db.assume-role-privilege: may the Cargo user use the role chain for COPY and UNLOAD? "Superusers and
-- users can use this function. However, users can only view their own privileges."
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_HAS_ASSUMEROLE_PRIVILEGE.html): asked only as the
-- Cargo user itself or a superuser. The chain is passed whole, as GRANT ASSUMEROLE ON names it
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT-usage-notes.html).
SELECT has_assumerole_privilege(@user, @chain, 'COPY') AS can_copy,
       has_assumerole_privilege(@user, @chain, 'UNLOAD') AS can_unload

namespace Cargo.Doctor.Setup;

/// <summary>
/// The password setup.sql writes in CREATE USER: the catalog's <c>'&lt;strong_password&gt;'</c>. It
/// is never a real value, and Redshift rejects it if left unchanged: a password must be 8 to 64
/// characters with at least one upper-case letter, one lower-case letter and one digit
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html); this one has no upper-case
/// letter and no digit.
/// </summary>
public static class PasswordPlaceholder
{
    public const string Literal = "'<strong_password>'";

    public const string Comment =
        "-- '<strong_password>' is a placeholder, not a password: Redshift rejects it (a password needs 8 to 64\n" +
        "-- characters with an upper-case letter, a lower-case letter and a digit:\n" +
        "-- https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html). Put a strong password in its\n" +
        "-- place before running, give it to Cargo, and do not keep it in this file.";
}

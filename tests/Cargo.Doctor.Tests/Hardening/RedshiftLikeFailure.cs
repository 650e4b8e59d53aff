using Cargo.Doctor.Tests.Fixtures;

namespace Cargo.Doctor.Tests.Hardening;

/// <summary>
/// Makes PostgreSQL fail like Redshift's COPY/UNLOAD do: an event trigger raises SQLSTATE XX000
/// with Redshift's DETAIL block (error, code 8001, context naming the role) when a table is created
/// in a cargo-doctor scratch schema. XX000 is in Npgsql's critical classes: the client closes the
/// connection after it, exactly as it does after a real Redshift load error.
/// </summary>
public static class RedshiftLikeFailure
{
    public const string Role = "arn:aws:iam::111122223333:role/RedshiftForCargo";

    public const string Message = "S3 query failed";

    public const string Detail =
        "\n  -----------------------------------------------\n" +
        "  error:  User arn:aws:redshift:eu-west-1:111122223333:dbuser:analytics/cargo_user is not authorized to assume IAM Role " + Role + "\n" +
        "  code:      8001\n" +
        "  context:   IAM Role=" + Role + "\n" +
        "  query:     0\n" +
        "  location:  xen_aws_credentials_mgr.cpp:402\n" +
        "  process:   padbmaster [pid=1234]\n" +
        "  -----------------------------------------------";

    public static async Task InstallAsync(WarehouseScenario scenario)
    {
        await scenario.AdminAsync($$"""
            CREATE FUNCTION public.redshift_like_failure() RETURNS event_trigger LANGUAGE plpgsql AS $f$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() c
                           WHERE c.command_tag = 'CREATE TABLE' AND c.schema_name LIKE 'cargo\_doctor\_%') THEN
                    RAISE EXCEPTION '{{Message}}' USING ERRCODE = 'XX000', DETAIL = {{Literal(Detail)}};
                END IF;
            END
            $f$
            """);
        await scenario.AdminAsync("CREATE EVENT TRIGGER redshift_like_failure ON ddl_command_end EXECUTE FUNCTION public.redshift_like_failure()");
    }

    private static string Literal(string text) => "E'" + text.Replace("\\", "\\\\").Replace("'", "''").Replace("\n", "\\n") + "'";
}

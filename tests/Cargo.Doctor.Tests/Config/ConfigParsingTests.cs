using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Config;

[Trait("Category", "Unit")]
public sealed class ConfigParsingTests
{
    [Theory]
    [InlineData("default.123456789012.us-east-1.redshift-serverless.amazonaws.com:5439/dev", "default.123456789012.us-east-1.redshift-serverless.amazonaws.com", 5439, "dev")]
    [InlineData("jdbc:redshift://examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com:5439/dev", "examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com", 5439, "dev")]
    [InlineData("host.example:5440", "host.example", 5440, null)]
    [InlineData("host.example/analytics", "host.example", null, "analytics")]
    [InlineData("[::1]:5439/dev", "::1", 5439, "dev")]
    public void endpoint_accepts_the_console_string(string text, string host, int? port, string? database)
    {
        Assert.Equal(new Endpoint(host, port, database), Endpoint.Parse(text));
    }

    [Theory]
    [InlineData("host:99999/dev", "port '99999'")]
    [InlineData("host:abc/dev", "the port after ':'")]
    [InlineData(":5439/dev", "must look like host:port/database")]
    [InlineData("my host:5439/dev", "must look like host:port/database")]
    public void bad_endpoints_say_what_is_wrong(string text, string expected)
    {
        Assert.Contains(expected, Assert.Throws<ConfigException>(() => Endpoint.Parse(text)).Message);
    }

    [Theory]
    [InlineData("dev.sales", "dev", "sales", false)]
    [InlineData("dev.sales:read", "dev", "sales", true)]
    [InlineData("\"my.db\".\"Sales \"\"EU\"\"\"", "my.db", "Sales \"EU\"", false)]
    [InlineData("\"a:b\".s:read", "a:b", "s", true)]
    public void schema_targets_parse_quoted_names_and_access(string text, string database, string schema, bool readOnly)
    {
        var target = SchemaTarget.Parse(text);

        Assert.Equal(new SchemaTarget(database, schema, readOnly), target);
        Assert.Equal(target, SchemaTarget.Parse(target.ToString()));
    }

    [Theory]
    [InlineData("sales", "must be DB.SCHEMA")]
    [InlineData("a.b.c", "must be DB.SCHEMA")]
    [InlineData("dev.sales:write-only", "unknown access")]
    [InlineData("\"dev.sales", "unterminated")]
    [InlineData("dev.", "empty name")]
    public void bad_schema_targets_say_what_is_wrong(string text, string expected)
    {
        Assert.Contains(expected, Assert.Throws<ConfigException>(() => SchemaTarget.Parse(text)).Message);
    }

    [Fact]
    public void yaml_config_maps_every_section()
    {
        var config = ConfigFile.Parse("""
            warehouse:
              endpoint: example.com:5440/dev
              databases: [analytics]
              schemas: [dev.sales, "analytics.ref:read"]
              user: cargo_user
              functionRole: my_role
              sslMode: require
            aws:
              region: eu-west-1
              workgroup: wg
              roleArn: arn:aws:iam::111122223333:role/cargo-access
            cargo:
              ip: [203.0.113.7]
              roleArn: arn:aws:iam::999999999999:role/cargo
              bucket: cargo-bucket
            readOnly: true
            """);

        Assert.Equal("example.com", config.Warehouse.Host);
        Assert.Equal(5440, config.Warehouse.Port);
        Assert.Equal(["analytics", "dev"], config.Warehouse.Databases.Order());
        Assert.Equal(["dev", "analytics"], config.Warehouse.Schemas.Select(s => s.Database));
        Assert.True(config.Warehouse.Schemas[1].ReadOnly);
        Assert.Equal("my_role", config.Warehouse.FunctionRole);
        Assert.Equal(WarehouseSslMode.Require, config.Warehouse.SslMode);
        Assert.True(config.Aws.IsServerless);
        Assert.Equal(["203.0.113.7"], config.Cargo.Ips);
        Assert.True(config.ReadOnly);
    }

    [Theory]
    [InlineData("warehouse:\n  password: hunter2\n", "line 2: warehouse.password: not allowed")]
    [InlineData("warehouse:\n  nosuchkey: 1\n", "line 2")]
    [InlineData("warehouse: [\n", "line")]
    public void bad_yaml_is_a_config_error(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigFile.Parse(yaml, "doctor.yml"));

        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }
}

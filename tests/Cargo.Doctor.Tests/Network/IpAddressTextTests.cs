using Cargo.Doctor.Config;
using Cargo.Doctor.Network;

namespace Cargo.Doctor.Tests.Network;

/// <summary>
/// The one IP parser (flags, config file, setup, facts): canonical dotted-decimal IPv4 and standard IPv6 text
/// only. Octal (<c>010</c>), hex (<c>0x0a</c>), short (<c>3.248.10</c>) and padded forms would each name
/// another address than the one the customer meant, so they are usage errors naming the value.
/// </summary>
[Trait("Category", "Unit")]
public sealed class IpAddressTextTests
{
    [Theory]
    [InlineData("3.248.0.10", "3.248.0.10")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    [InlineData("2001:DB8::7", "2001:db8::7")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0007", "2001:db8::7")]
    [InlineData("::1", "::1")]
    [InlineData("::", "::")]
    [InlineData("::ffff:3.248.0.10", "::ffff:3.248.0.10")]
    [InlineData("64:ff9b::203.0.113.7", "64:ff9b::cb00:7107")]
    public void canonical_forms_are_read(string text, string expected)
    {
        Assert.True(IpAddressText.TryParse(text, out var address), text);
        Assert.Equal(expected, address.ToString());
    }

    [Theory]
    [InlineData("3.248.000.010")] // octal: inet_aton reads 3.248.0.8
    [InlineData("3.248.0.010")]
    [InlineData("03.248.0.10")]
    [InlineData("0x03.248.0.10")] // hex
    [InlineData("0x3f8000a")]
    [InlineData("3.248.10")] // short forms
    [InlineData("3.16252938")]
    [InlineData("66584586")]
    [InlineData("3.248.0.10.")]
    [InlineData("3.248.0.256")]
    [InlineData("3.248.0.-1")]
    [InlineData("3.248.0.1 0")]
    [InlineData("3.248.0.10 ")] // padded
    [InlineData(" 3.248.0.10")]
    [InlineData("3.248.0.１０")] // full-width digits
    [InlineData("fe80::1%eth0")] // zone ids
    [InlineData("fe80::1%2")]
    [InlineData("[2001:db8::7]")]
    [InlineData("2001:db8::7 ")]
    [InlineData("::ffff:3.248.000.010")] // an IPv4 tail held to the IPv4 rules
    [InlineData("::ffff:3.248.10")]
    [InlineData("1.2.3.4::")]
    [InlineData("2001:db8:::7")]
    [InlineData("2001:db8::7::1")]
    [InlineData("12345::1")]
    [InlineData("")]
    [InlineData("example.com")]
    public void other_forms_are_refused(string text) =>
        Assert.False(IpAddressText.TryParse(text, out _), text);

    [Theory]
    [InlineData("3.248.0.10/32", "3.248.0.10/32")]
    [InlineData("3.248.0.0/16", "3.248.0.0/16")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("3.248.0.10", "3.248.0.10/32")]
    public void cidrs_use_the_same_parser(string text, string expected)
    {
        Assert.True(Cidr.TryParse(text, out var cidr), text);
        Assert.Equal(expected, cidr.ToString());
    }

    [Theory]
    [InlineData("3.248.000.010/32")]
    [InlineData("0x03.248.0.10/32")]
    [InlineData("3.248.0.10/032")]
    [InlineData("3.248.0.10/+32")]
    [InlineData("fe80::1%eth0/128")]
    public void cidrs_with_other_forms_are_refused(string text) =>
        Assert.False(Cidr.TryParse(text, out _), text);

    [Theory]
    [InlineData("3.248.000.010")]
    [InlineData("0x03.248.0.10")]
    [InlineData("3.248.10")]
    public void the_flag_is_a_usage_error_naming_the_value(string text)
    {
        var config = new DoctorConfig
        {
            Aws = new AwsConfig { Region = "eu-west-1", ClusterIdentifier = "cargo-cluster" },
            Cargo = new CargoConfig { Ips = [text] },
        };

        var problem = Assert.Single(DoctorConfigValidator.Validate(config));

        Assert.Equal($"--cargo-ip '{text}' {Cidr.Expected}", problem);
    }
}

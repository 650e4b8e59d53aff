using Cargo.Doctor.Config;

namespace Cargo.Doctor.Tests.Config;

/// <summary>Issue 25: the config file's vendor: section holds only what is Cargo's own (its profile).</summary>
[Trait("Category", "Unit")]
public sealed class VendorConfigTests
{
    [Fact]
    public void the_vendor_section_gives_cargo_s_profile_apart_from_the_customer_s()
    {
        var config = ConfigFile.Parse("aws:\n  profile: customer\nvendor:\n  profile: cargo-support\n", "doctor.yml");

        Assert.Equal(("customer", "cargo-support"), (config.Aws.Profile, config.Vendor.Profile));
    }

    [Fact]
    public void an_unknown_vendor_key_is_one_line_naming_the_known_one()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigFile.Parse("vendor:\n  bucket: x\n", "doctor.yml"));

        Assert.Equal("doctor.yml: line 2: vendor.bucket: unknown key (known here: profile)", Assert.Single(e.Problems));
    }
}

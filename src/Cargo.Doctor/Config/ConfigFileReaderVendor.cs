using YamlDotNet.RepresentationModel;

namespace Cargo.Doctor.Config;

/// <summary>The <c>vendor:</c> section, read like the others (one problem per line, unknown keys named).</summary>
internal sealed partial class ConfigFileReader
{
    private VendorConfig Vendor(YamlNode node)
    {
        var v = new VendorConfig();
        foreach (var (key, value) in Entries(node, "vendor"))
        {
            var path = "vendor." + key;
            v = key switch
            {
                "profile" => v with { Profile = Text(value, path) },
                _ => Unknown(value, path, "profile", v),
            };
        }

        return v;
    }
}

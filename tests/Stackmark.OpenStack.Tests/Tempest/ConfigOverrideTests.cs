namespace Stackmark.OpenStack.Tests.Tempest;

public sealed class ConfigOverrideTests
{
    [Theory]
    [InlineData("compute-feature-enabled.resize=true", "compute-feature-enabled", "resize", "true")]
    [InlineData("DEFAULT.log_file = x.log", "DEFAULT", "log_file", "x.log")]
    [InlineData("network-feature-enabled.api_extensions=a,b=c", "network-feature-enabled", "api_extensions", "a,b=c")]
    [InlineData("identity.uri=", "identity", "uri", "")]
    public void Parses_section_key_value(string text, string section, string key, string value)
    {
        Assert.Equal(new ConfigOverride(section, key, value), ConfigOverride.Parse(text));
    }

    [Theory]
    [InlineData("nodot=1")]
    [InlineData("section.=1")]
    [InlineData(".key=1")]
    [InlineData("section.key")]
    [InlineData("")]
    public void Rejects_malformed_text(string text)
    {
        Assert.False(ConfigOverride.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ConfigOverride.Parse(text));
    }
}

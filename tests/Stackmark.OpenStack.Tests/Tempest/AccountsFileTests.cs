namespace Stackmark.OpenStack.Tests.Tempest;

public sealed class AccountsFileTests
{
    private static readonly TestAccount Demo = new() { Username = "demo", Password = "true", ProjectName = "demo", Roles = ["member"] };

    [Fact]
    public void Accounts_yaml_lists_user_project_password_and_roles()
    {
        var yaml = AccountsFile.ToYaml([Demo, Demo with { Username = "alt", Password = "p:w", DomainName = "Default", Roles = [] }]);

        Assert.Equal(
            "- username: demo\n  project_name: demo\n  password: \"true\"\n  roles:\n  - member\n"
            + "- username: alt\n  project_name: demo\n  password: p:w\n  domain_name: Default\n",
            yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Redacted_accounts_hide_passwords()
    {
        Assert.DoesNotContain("true", AccountsFile.ToYaml([Demo], redact: true), StringComparison.Ordinal);
        Assert.DoesNotContain("true", Demo.ToString(), StringComparison.Ordinal);
    }
}

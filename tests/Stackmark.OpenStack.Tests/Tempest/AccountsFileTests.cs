using CsCheck;

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

    [Fact]
    public void A_refstack_client_accounts_file_reads_with_tenant_names_domains_and_networks_and_drops_the_files_roles()
    {
        const string text = """
            # refstack-client's example
            - username: 'user_1'
              tenant_name: 'test_tenant_1'
              password: 'test_password'
              roles: ['admin']
              types: ['admin']
            - username: user_2
              project_name: test_project_2
              password: "p: w"
              user_domain_name: Default
              resources:
                network: private
            """;
        var accounts = AccountsFile.Parse(text, "accounts.yaml");
        Assert.Equal(2, accounts.Count);
        Assert.Equal(("user_1", "test_tenant_1", "test_password"), (accounts[0].Username, accounts[0].ProjectName, accounts[0].Password));
        Assert.Empty(accounts[0].Roles);
        Assert.Equal(("p: w", "Default", "private"), (accounts[1].Password, accounts[1].DomainName, accounts[1].Network));
    }

    [Theory]
    [InlineData("- username: a\n  password: b\n", "accounts.yaml:1: account 1 (a): missing project_name")]
    [InlineData("- username: a\n  password: b\n  project_name: p\n- password: c\n  project_name: p\n", "accounts.yaml:4: account 2: missing username")]
    [InlineData("- username: a\n  password: [b]\n  project_name: p\n", "accounts.yaml:1: account 1 (a): 'password' (line 2) is not a string")]
    [InlineData("- username: a\n  password: b\n  system: all\n", "accounts.yaml:1: account 1 (a): only project-scoped accounts are supported (this one has no project_name)")]
    [InlineData("username: a\n", "accounts.yaml:1: the top level is not a list of accounts")]
    [InlineData("", "accounts.yaml: holds no accounts (a list of entries with username, password and project_name)")]
    [InlineData("- just a string\n", "accounts.yaml:1: account 1: is not a mapping (username, password, project_name, …)")]
    public void A_bad_entry_is_named_by_file_line_and_entry(string text, string message)
    {
        var e = Assert.Throws<AccountsFileException>(() => AccountsFile.Parse(text, "accounts.yaml"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_yaml_syntax_error_names_its_line()
    {
        var e = Assert.Throws<AccountsFileException>(() => AccountsFile.Parse("- username: a\n  password: b\n project_name: p\n", "/tmp/a.yaml"));
        Assert.StartsWith("/tmp/a.yaml:3: not valid YAML", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
        var unterminated = Assert.Throws<AccountsFileException>(() => AccountsFile.Parse("- username: a\n  project_name: [p\n- x: 'y\n", "/tmp/a.yaml"));
        Assert.StartsWith("/tmp/a.yaml", unterminated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<AccountsFileException>(() => AccountsFile.Read("/nonexistent/accounts.yaml"));
        Assert.StartsWith("/nonexistent/accounts.yaml: cannot be read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_accounts_read_back_the_same_whatever_their_strings()
    {
        var text = Gen.String[Gen.Char[' ', '~'], 1, 12].Where(s => s.Trim().Length > 0);
        Gen.Select(text, text, text, Gen.Bool, text).Array[1, 5].Sample(entries =>
        {
            var accounts = entries.Select(e => new TestAccount { Username = e.Item1, Password = e.Item2, ProjectName = e.Item3, Network = e.Item4 ? e.Item5 : null }).ToList();
            var back = AccountsFile.Parse(AccountsFile.ToYaml(accounts), "accounts.yaml");
            Assert.Equal(accounts, back, (a, b) => a.Username == b.Username && a.Password == b.Password && a.ProjectName == b.ProjectName && a.Network == b.Network);
        });
    }
}

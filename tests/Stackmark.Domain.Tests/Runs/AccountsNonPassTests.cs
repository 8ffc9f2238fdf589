namespace Stackmark.Tests.Runs;

/// <summary>
/// Tempest 33's own messages for pre-provisioned accounts that lack an account or a role are the runner's
/// (<see cref="NonPassCategory.Accounts"/>), each naming what to add. The failure texts were printed by Tempest's
/// <c>PreProvisionedCredentialProvider</c> itself; the skip texts are <c>tempest/test.py</c>'s, formatted.
/// </summary>
public sealed class AccountsNonPassTests
{
    private const string Frames = """
        Traceback (most recent call last):
          File "/usr/lib/python3/dist-packages/tempest/test.py", line 167, in setUpClass
            cls.setup_credentials()
          File "/usr/lib/python3/dist-packages/tempest/lib/common/preprov_creds.py", line 272, in _get_creds
            free_hash = self._get_free_hash(useable_hashes)

        """;

    public static TheoryData<string, string> Failures => new()
    {
        {
            "tempest.lib.exceptions.InvalidCredentials: Invalid Credentials\nDetails: Insufficient number of users provided. AccountTest have allocated all the credentials for this allocation request",
            "a second account (alternate credentials)"
        },
        {
            "tempest.lib.exceptions.InvalidCredentials: Invalid Credentials\nDetails: Insufficient number of users provided. AccountTest,ContainerTest have allocated all the credentials for this allocation request",
            "more accounts: two per worker (add accounts or lower --concurrency)"
        },
        {
            "tempest.lib.exceptions.InvalidCredentials: Invalid Credentials\nDetails: No credentials with role: ResellerAdmin specified in the accounts file",
            "an account with role ResellerAdmin"
        },
        {
            "tempest.lib.exceptions.InvalidCredentials: Invalid Credentials\nDetails: No credentials matching role: reader, scope: project specified in the accounts file",
            "an account with role reader"
        },
        {
            "tempest.lib.exceptions.InvalidCredentials: Invalid Credentials\nDetails: No users configured for type/roles ['ResellerAdmin']",
            "an account with role ResellerAdmin"
        },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Tempests_account_failures_are_the_runners_and_name_what_to_add(string exception, string need)
    {
        var nonPass = NonPass.ForFailure(Frames + exception);
        Assert.Equal(NonPassCategory.Accounts, nonPass.Category);
        Assert.Equal("accounts", nonPass.CategoryWord);
        Assert.True(nonPass.IsRunnersOwn);
        Assert.Equal(need, nonPass.AccountNeed);
    }

    public static TheoryData<string, string> Skips => new()
    {
        { "Missing a 2nd set of API credentials in configuration.", "a second account (alternate credentials)" },
        {
            "AccountQuotasTest skipped because the configured credential provider is not able to provide credentials with the ResellerAdmin role assigned.",
            "an account with role ResellerAdmin"
        },
        { "Missing Identity Admin API credentials in configuration.", "an account with role admin" },
    };

    [Theory]
    [MemberData(nameof(Skips))]
    public void Tempests_account_skips_are_the_runners_even_where_a_gate_or_the_word_config_would_say_tempest_config(string reason, string need)
    {
        var gate = ("[object-storage] reseller_admin_role", "object-storage.reseller_admin_role=x", false);
        foreach (var nonPass in new[] { NonPass.ForSkip(reason), NonPass.ForSkip(reason, gate) })
        {
            Assert.Equal(NonPassCategory.Accounts, nonPass.Category);
            Assert.Equal(need, nonPass.AccountNeed);
        }
    }

    [Theory]
    [InlineData("Invalid Credentials\nDetails: No accounts file specified")]
    [InlineData("tempest.exceptions.InvalidConfiguration: Invalid Configuration\nDetails: A valid credential provider is needed")]
    [InlineData("Details: Type 'reseller_admin' configured, but no object_storage_reseller_admin_role specified")]
    public void Accounts_the_run_never_gave_Tempest_are_the_runners_too(string text)
    {
        var nonPass = NonPass.ForFailure(text);
        Assert.Equal(NonPassCategory.Accounts, nonPass.Category);
        Assert.Null(nonPass.AccountNeed);
    }

    [Fact]
    public void Other_failures_and_skips_keep_their_categories()
    {
        Assert.Equal(NonPassCategory.Failure, NonPass.ForFailure("tempest.lib.exceptions.Unauthorized: Unauthorized\nDetails: The request you have made requires authentication.").Category);
        Assert.Equal(NonPassCategory.TempestConfig, NonPass.ForSkip("Resize is not enabled in the config").Category);
        Assert.Equal(NonPassCategory.ServiceUnavailable, NonPass.ForSkip("Swift is not available.").Category);
    }

    [Fact]
    public void The_reasons_made_by_the_factories_round_trip_to_their_needs()
    {
        Assert.Equal("an account with role ResellerAdmin", NonPass.NeedsRole("ResellerAdmin", "the account plan").AccountNeed);
        Assert.Equal("a second account (alternate credentials)", NonPass.NeedsSecondAccount("the account plan").AccountNeed);
        Assert.StartsWith("more accounts", NonPass.NeedsMoreAccounts("4 workers, 3 accounts").AccountNeed, StringComparison.Ordinal);
        Assert.Null(new NonPass(NonPassCategory.Failure, "needs an account with role x: y").AccountNeed);
    }

    [Fact]
    public void Every_category_word_parses_back()
    {
        foreach (var c in Enum.GetValues<NonPassCategory>().Where(c => c != NonPassCategory.None))
        {
            Assert.True(NonPass.TryParseCategory(new NonPass(c, "").CategoryWord, out var parsed));
            Assert.Equal(c, parsed);
        }

        Assert.False(NonPass.TryParseCategory("none", out _));
        Assert.False(NonPass.TryParseCategory(null, out _));
    }

    // The texts above are Tempest 33's: its source still formats them so.
    [SkippableFact]
    public void The_installed_Tempest_still_says_so()
    {
        const string Root = "/usr/lib/python3/dist-packages/tempest/";
        Skip.IfNot(File.Exists(Root + "test.py"), "python3-tempest is not installed");
        var preprov = File.ReadAllText(Root + "lib/common/preprov_creds.py");
        var test = File.ReadAllText(Root + "test.py");
        var factory = File.ReadAllText(Root + "common/credentials_factory.py");
        Assert.Contains("'Insufficient number of users provided. %s have allocated all '", preprov, StringComparison.Ordinal);
        Assert.Contains("\"No credentials with role: %s specified in the \"", preprov, StringComparison.Ordinal);
        Assert.Contains("\"No credentials matching role: %s, scope: %s \"", preprov, StringComparison.Ordinal);
        Assert.Contains("'No users configured for type/roles %s'", preprov, StringComparison.Ordinal);
        Assert.Contains("\"No accounts file specified\"", preprov, StringComparison.Ordinal);
        Assert.Contains("\"Missing a 2nd set of API credentials in configuration.\"", test, StringComparison.Ordinal);
        Assert.Contains("\"Missing Identity Admin API credentials in configuration.\"", test, StringComparison.Ordinal);
        Assert.Contains("\" is not able to provide credentials with the %s role \"", test, StringComparison.Ordinal);
        Assert.Contains("'A valid credential provider is needed'", factory, StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;

namespace Stackmark.OpenStack.Tests.Cleanup;

/// <summary>The table against the installed Tempest (Debian's python3-tempest): each entry's test and evidence are still there.</summary>
public sealed partial class PristinePreconditionsTempestTests
{
    private const string Tempest = "/usr/lib/python3/dist-packages/tempest";

    public static TheoryData<string> Tests => [.. PristinePreconditions.All.Select(p => p.Test)];

    [SkippableTheory]
    [MemberData(nameof(Tests))]
    public void Entry_still_exists_with_its_id_and_still_asserts_what_it_quotes(string test)
    {
        Skip.IfNot(Directory.Exists(Tempest), "python3-tempest is not installed");
        var entry = PristinePreconditions.All.Single(p => p.Test == test);
        Assert.Equal("tempest." + entry.File[..^3].Replace('/', '.') + "." + entry.ShortName, entry.Test);
        var source = File.ReadAllText(Path.Combine(Tempest, entry.File));

        var body = ClassBody(source, entry.Class);
        var method = MethodBody(body, entry.Method, out var decorators);
        Assert.Contains($"@decorators.idempotent_id('{entry.IdempotentId}')", decorators, StringComparison.Ordinal);
        var evidence = entry.EvidenceMethod == entry.Method ? method : MethodBody(body, entry.EvidenceMethod, out _);
        Assert.Contains(entry.Evidence, evidence, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Account_tests_name_their_containers_as_the_ranges_assume()
    {
        Skip.IfNot(Directory.Exists(Tempest), "python3-tempest is not installed");
        var source = File.ReadAllText(Path.Combine(Tempest, "api/object_storage/test_account_services.py"));
        var names = File.ReadAllText(Path.Combine(Tempest, "lib/common/utils/data_utils.py"));

        // Six containers a..f, each rand_name(name='a-') = 'tempest-a--<random int>'.
        Assert.Contains("for i in range(ord('a'), ord('f') + 1):", source, StringComparison.Ordinal);
        Assert.Contains("name = data_utils.rand_name(name='%s-' % bytes((i,)))", source, StringComparison.Ordinal);
        Assert.Contains("def rand_name(name='', prefix='tempest'):", names, StringComparison.Ordinal);
        Assert.Contains("rand_name = prefix + '-' + rand_name", names, StringComparison.Ordinal);
    }

    private static string ClassBody(string source, string name)
    {
        var start = source.IndexOf($"\nclass {name}(", StringComparison.Ordinal);
        Assert.True(start >= 0, $"class {name} not found");
        var next = TopLevel().Match(source, start + 2); // past the class line itself
        return next.Success ? source[start..next.Index] : source[start..];
    }

    private static string MethodBody(string classBody, string name, out string decorators)
    {
        var def = classBody.IndexOf($"    def {name}(", StringComparison.Ordinal);
        Assert.True(def >= 0, $"method {name} not found");
        var before = classBody[..def];
        var previous = before.LastIndexOf("\n\n", StringComparison.Ordinal);
        decorators = previous >= 0 ? before[previous..] : before;
        var next = MethodStart().Match(classBody, def + 1);
        return next.Success ? classBody[def..next.Index] : classBody[def..];
    }

    [GeneratedRegex(@"^\S", RegexOptions.Multiline)]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"^    (@|def )", RegexOptions.Multiline)]
    private static partial Regex MethodStart();
}

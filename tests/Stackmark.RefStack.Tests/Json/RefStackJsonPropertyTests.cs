using System.Text;
using CsCheck;
using Stackmark.RefStack.Tests.Support;

namespace Stackmark.RefStack.Tests.Json;

public sealed class RefStackJsonPropertyTests(PythonJson python) : IClassFixture<PythonJson>
{
    // Pieces that stress the escaper: quotes, backslashes, controls, DEL, Latin-1, CJK, an astral pair, separators.
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.Char['a', 'z'].Select(c => c.ToString()),
        Gen.Char['\u0080', '\ud7ff'].Select(c => c.ToString()),
        Gen.OneOf("\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f", "\u007f", "é", "中", "😀", "\u2028", "\ufeff", ".", "]", "(x)"));

    // Names RefStackResults.Parse gives back unchanged: not blank, no edge whitespace, no '[' (it strips attributes).
    private static readonly Gen<string> Name = Piece.Array[1, 12].Select(string.Concat).Where(s => s.Trim() == s && s.Length > 0);

    private static readonly Gen<IdempotentId?> Id = Gen.Bool.Select(Gen.Guid, (known, guid) => known ? IdempotentId.Parse(guid.ToString()) : (IdempotentId?)null);

    private static readonly Gen<RefStackResults> Results = Gen.Select(
        Name,
        Gen.Long[0, long.MaxValue],
        Gen.Select(Name, Id, TestOutcome.Passed).Array[1, 8],
        (cpid, duration, tests) => new RefStackResults(cpid, duration, [.. tests.DistinctBy(t => t.Name)]));

    // The python oracle also gets what Parse would refuse: lone surrogates, '[', blank names, empty lists.
    private static readonly Gen<string> AnyString = Gen.OneOf(Piece, Gen.Char.Select(c => c.ToString()), Gen.OneOf(" ", "[", "\ud800", "\udc00"))
        .Array[0, 12].Select(string.Concat);

    private static readonly Gen<RefStackResults> AnyResults = Gen.Select(
        AnyString,
        Gen.Long,
        Gen.Select(AnyString, Id, TestOutcome.Passed).Array[0, 6],
        (cpid, duration, tests) => new RefStackResults(cpid, duration, tests));

    [Fact]
    public void Serialised_results_parse_back_to_the_same_results()
    {
        Results.Sample(results =>
        {
            var parsed = RefStackResults.Parse(RefStackJson.Serialize(results), "generated.json");

            Assert.True(parsed.Success, parsed.ToString());
            Assert.Equal(results.Cpid, parsed.Value!.Cpid);
            Assert.Equal(results.DurationSeconds, parsed.Value.DurationSeconds);
            Assert.Equal(results.Passed, parsed.Value.Passed);
        }, iter: 1000);
    }

    [SkippableFact]
    public void Body_equals_python_json_dumps_for_random_results()
    {
        AnyResults.Sample(
            results => Assert.Equal(Encoding.ASCII.GetString(python.Dumps(results)), Encoding.ASCII.GetString(RefStackJson.Serialize(results))),
            iter: 2000,
            threads: 1);
    }
}

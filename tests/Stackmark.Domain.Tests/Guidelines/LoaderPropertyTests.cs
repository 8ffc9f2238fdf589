using System.Text;
using CsCheck;
using Stackmark.Tests.Support;

namespace Stackmark.Tests.Guidelines;

/// <summary>Property tests: whatever the bytes, the loader returns a value or a located error, never throws.</summary>
public sealed class LoaderPropertyTests
{
    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(Some.V2().ToJsonString());

    [Fact]
    public void Arbitrary_bytes_never_crash_the_loader()
    {
        Gen.Byte.Array[0, 512].Sample(bytes =>
        {
            var result = GuidelineLoader.Load(bytes, "fuzz.json");
            return result.Success || (result.Error!.Location.File == "fuzz.json" && result.Error.Message.Length > 0);
        }, iter: 2000);
    }

    [Fact]
    public void Mutations_of_a_valid_guideline_give_a_value_or_a_located_error()
    {
        var gen = Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Byte, Gen.Int[0, 3]);
        gen.Sample((position, value, kind) =>
        {
            var bytes = kind switch
            {
                0 => Valid.Take(position).ToArray(),                                   // truncation
                1 => [.. Valid.Take(position), value, .. Valid.Skip(position + 1)],     // substitution
                2 => [.. Valid.Take(position), .. Valid.Skip(position + 1)],            // deletion
                _ => [.. Valid.Take(position), value, .. Valid.Skip(position)],         // insertion
            };
            var result = GuidelineLoader.Load(bytes, "mutant.json");
            if (!result.Success)
            {
                Assert.Equal("mutant.json", result.Error!.Location.File);
                Assert.StartsWith("$", result.Error.Location.JsonPath);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Every_official_file_survives_random_truncation_with_a_located_error()
    {
        var files = InteropData.AllFiles().Select(File.ReadAllBytes).ToArray();
        Gen.Select(Gen.Int[0, files.Length - 1], Gen.Double[0, 1]).Sample((i, cut) =>
        {
            var bytes = files[i].AsSpan(0, (int)(files[i].Length * cut * 0.999));
            var result = GuidelineLoader.Load(bytes, "cut.json");
            Assert.False(result.Success);
            Assert.True(result.Error!.Location.Line >= 0);
        }, iter: 200);
    }
}

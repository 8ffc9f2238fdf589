using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>No upload body, however odd, makes the server answer 500 (anonymous uploads on, so bodies reach storage).</summary>
public abstract class UploadPropertyTests<TFixture>(TFixture registry) : IClassFixture<TFixture>
    where TFixture : RegistryFixture
{
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char[(char)0, (char)0xFFFF], 0, 40],
        Gen.OneOf("", " ", "\\u0000", "\\ud800", "\\udc00x", "a\\\"b", "é", "tempest.api.x[id-12345678-1234-1234-1234-123456789012]", new string('n', 1100)));

    private static readonly Gen<string> Json = Gen.Recursive<string>((depth, self) =>
        depth > 3
            ? Gen.OneOf(Text.Select(Quote), Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.OneOf("null", "true", "1.5", "-0", "1e400"))
            : Gen.OneOf(
                Text.Select(Quote),
                Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                self.Array[0, 4].Select(a => "[" + string.Join(",", a) + "]"),
                Gen.Select(Gen.OneOf(Text, Gen.OneOf("cpid", "duration_seconds", "results", "name", "uuid")), self).Array[0, 4]
                    .Select(kv => "{" + string.Join(",", kv.Select(p => Quote(p.Item1) + ":" + p.Item2)) + "}")));

    private static readonly Gen<string> Upload =
        Gen.Select(Gen.OneOf(Text, Gen.Guid.Select(g => g.ToString())), Gen.OneOf(Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), Json),
                Gen.Select(Gen.OneOf(Text, Gen.OneOf("t.A.test_a", "t.A.test_a")), Gen.OneOf(Gen.Guid.Select(g => Quote(g.ToString())), Json)).Array[0, 5])
            .Select((cpid, duration, results) =>
                $"{{\"cpid\": {Quote(cpid)}, \"duration_seconds\": {duration}, \"results\": [{string.Join(", ", results.Select(r => $"{{\"name\": {Quote(r.Item1)}, \"uuid\": {r.Item2}}}"))}]}}");

    [SkippableFact]
    public void Arbitrary_upload_bodies_never_get_a_500()
    {
        registry.RequireServer();
        Gen.OneOf(Upload, Json, Gen.Byte.Array[0, 200].Select(b => Encoding.Latin1.GetString(b)))
            .Sample(body =>
            {
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = registry.Http.PostAsync(new Uri("/v1/results/", UriKind.Relative), content).GetAwaiter().GetResult();
                return (int)response.StatusCode is 201 or 400 or 413;
            }, iter: 400, threads: 1);
    }

    // Escapes only quote and backslash-free control needs: raw text may hold JSON escapes on purpose (\u0000, \ud800).
    private static string Quote(string s) => "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}

public sealed class SqliteUploadPropertyTests(AnonymousSqliteRegistry registry) : UploadPropertyTests<AnonymousSqliteRegistry>(registry);

public sealed class PostgresUploadPropertyTests(AnonymousPostgresRegistry registry) : UploadPropertyTests<AnonymousPostgresRegistry>(registry);

using System.Globalization;
using System.Text;
using Stackmark.Subunit;

// generate N FILE: a Tempest-shaped stream of at most N events, whole tests only. stats FILE: counts like python-subunit's subunit-stats.
return args switch
{
    ["generate", var count, var file] => await GenerateAsync(int.Parse(count, CultureInfo.InvariantCulture), file),
    ["stats", var file] => await StatsAsync(file),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Stackmark.Subunit.Bench generate N FILE | stats FILE");
    return 2;
}

static async Task<int> GenerateAsync(int events, string file)
{
    var writer = new SubunitWriter(File.Create(file));
    await using (writer)
    {
        var clock = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var reason = "Feature not enabled in tempest.conf"u8.ToArray();
        var written = 0;
        for (var i = 0; written + 3 <= events; i++)
        {
            // ~80-byte ids: tempest.api.<service>.<module>.<Class>.<test>[id-<uuid>,smoke]
            var id = $"tempest.api.compute.servers.test_srv_{i % 97}.ServersTestJSON.test_op_{i}[id-{i:x8}-0000-4000-8000-{i:x12},smoke]";
            var route = (i % 4).ToString(CultureInfo.InvariantCulture);
            await writer.WriteAsync(new SubunitEvent { TestId = id, Status = SubunitStatus.InProgress, Timestamp = clock, RouteCode = route });
            written++;
            clock = clock.AddMilliseconds(50 + (i % 400));
            var status = SubunitStatus.Success;
            if (i % 10 == 3)
            {
                status = SubunitStatus.Skip;
                await writer.WriteAsync(Attachment(id, "reason", reason, route));
                written++;
            }
            else if (i % 23 == 5)
            {
                status = SubunitStatus.Fail;
                var traceback = Encoding.UTF8.GetBytes(
                    $"Traceback (most recent call last):\n  File \"tempest/api/compute/servers/test_srv_{i % 97}.py\", line {i % 500}, in test_op_{i}\n    self.assertEqual(200, resp.status)\nAssertionError: 200 != 404\n");
                await writer.WriteAsync(Attachment(id, "traceback", traceback, route));
                written++;
            }

            await writer.WriteAsync(new SubunitEvent
            {
                TestId = id, Status = status, Timestamp = clock, Tags = [$"worker-{i % 4}"], RouteCode = route,
            });
            written++;
        }
    }

    return 0;

    static SubunitEvent Attachment(string id, string name, byte[] content, string route) => new()
    {
        TestId = id, FileName = name, FileBytes = content, MimeType = "text/plain;charset=utf8", Eof = true, RouteCode = route,
    };
}

static async Task<int> StatsAsync(string file)
{
    var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
    var reader = new SubunitReader(stream);
    int total = 0, failed = 0, skipped = 0;
    var tags = new HashSet<string>(StringComparer.Ordinal);
    await using (reader)
    {
        while (await reader.ReadAsync() is { } e)
        {
            // Streaming count of final statuses: equal to subunit-stats for streams without retries or hung tests.
            if (e.Status >= SubunitStatus.Success)
            {
                total++;
                failed += e.Status == SubunitStatus.Fail ? 1 : 0;
                skipped += e.Status == SubunitStatus.Skip ? 1 : 0;
            }

            foreach (var tag in e.Tags)
            {
                tags.Add(tag);
            }
        }
    }

    var output = new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"Total tests:   {total,5}\n")
        .Append(CultureInfo.InvariantCulture, $"Passed tests:  {total - failed - skipped,5}\n")
        .Append(CultureInfo.InvariantCulture, $"Failed tests:  {failed,5}\n")
        .Append(CultureInfo.InvariantCulture, $"Skipped tests: {skipped,5}\n")
        .Append(CultureInfo.InvariantCulture, $"Seen tags: {string.Join(", ", tags.Order(StringComparer.Ordinal))}\n");
    Console.Out.Write(output.ToString());
    return failed == 0 ? 0 : 1;
}

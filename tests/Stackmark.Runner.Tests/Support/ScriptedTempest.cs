using Stackmark.Subunit;

namespace Stackmark.Runner.Tests.Support;

/// <summary>
/// A fake Tempest: lists a fixed set of test ids and, when run, writes scripted subunit v2 packets (and any raw
/// bytes) for the tests in the load list, then exits with a chosen code.
/// </summary>
internal sealed class ScriptedTempest(IReadOnlyList<string> listed) : ITempestRunner
{
    private readonly DateTimeOffset _t0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>What each test id does: success by default.</summary>
    public Dictionary<string, (SubunitStatus Status, string? Attachment)> Script { get; } = new(StringComparer.Ordinal);

    public int ExitCode { get; set; }

    /// <summary>Events written after the tests, e.g. a class fixture's error: (test id, status, traceback).</summary>
    public List<(string Id, SubunitStatus Status, string? Traceback)> After { get; } = [];

    public byte[] Garbage { get; set; } = [];

    /// <summary>Stop writing after this many tests, then wait for cancellation (a run the user interrupts).</summary>
    public int? HangAfter { get; set; }

    /// <summary>With <see cref="HangAfter"/>: the next test has started (inprogress) when the run hangs.</summary>
    public bool HangInTest { get; set; }

    /// <summary>Called when the run hangs, e.g. to cancel it (an interruption at an exact point).</summary>
    public Action? OnHang { get; set; }

    public List<IReadOnlyList<string>> Runs { get; } = [];

    public Task<string> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult("scripted tempest 0");

    /// <summary>A source tree to explain skips with, if the test gives one.</summary>
    public string? SourceTree { get; set; }

    public Task<Stackmark.Tempest.TempestTree?> ReadSourceAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SourceTree is null ? null : Stackmark.Tempest.TempestTree.Scan(SourceTree));

    public Task InitWorkspaceAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        return Task.CompletedTask;
    }

    /// <summary>
    /// What Tempest lists once the workspace has its tempest.conf (ids may carry other attributes then, as
    /// test_attach_detach_volume's <c>slow</c> depends on [validation] run_validation); null: the same as before.
    /// </summary>
    public IReadOnlyList<string>? ListedWithConf { get; set; }

    public Task<IReadOnlyList<string>> ListTestsAsync(string workspace, CancellationToken cancellationToken) =>
        Task.FromResult(ListedWithConf is { } configured && File.Exists(Path.Combine(workspace, "etc", "tempest.conf")) ? configured : listed);

    /// <summary>The options of each run, in order.</summary>
    public List<TempestRunOptions> Options { get; } = [];

    public async Task<int> RunAsync(string workspace, string loadList, TempestRunOptions options, Func<Stream, Task> consume, CancellationToken cancellationToken)
    {
        Options.Add(options);
        var ids = File.ReadAllLines(loadList);
        Runs.Add(ids);
        var pipe = new System.IO.Pipelines.Pipe();
        var consumer = consume(pipe.Reader.AsStream());
        await using (var output = pipe.Writer.AsStream())
        {
            await using var writer = new SubunitWriter(output, leaveOpen: true);
            var n = 0;
            foreach (var id in ids)
            {
                if (HangAfter == n++)
                {
                    if (HangInTest)
                    {
                        await writer.WriteAsync(new SubunitEvent { TestId = id, Status = SubunitStatus.InProgress, Timestamp = _t0.AddSeconds(n) }, CancellationToken.None);
                    }

                    await writer.FlushAsync(CancellationToken.None);
                    OnHang?.Invoke();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                var t = _t0.AddSeconds(n);
                await writer.WriteAsync(new SubunitEvent { TestId = id, Status = SubunitStatus.InProgress, Timestamp = t }, CancellationToken.None);
                var (status, attachment) = Script.GetValueOrDefault(id, (SubunitStatus.Success, null));
                if (attachment is not null)
                {
                    var name = status == SubunitStatus.Skip ? "reason" : "traceback";
                    await writer.WriteAsync(new SubunitEvent { TestId = id, FileName = name, FileBytes = System.Text.Encoding.UTF8.GetBytes(attachment), MimeType = "text/plain;charset=utf8", Eof = true }, CancellationToken.None);
                }

                await writer.WriteAsync(new SubunitEvent { TestId = id, Status = status, Timestamp = t.AddMilliseconds(1500) }, CancellationToken.None);
            }

            foreach (var (id, status, traceback) in After)
            {
                if (traceback is not null)
                {
                    await writer.WriteAsync(new SubunitEvent { TestId = id, FileName = "traceback", FileBytes = System.Text.Encoding.UTF8.GetBytes(traceback), MimeType = "text/x-traceback;charset=utf8", Eof = true }, CancellationToken.None);
                }

                await writer.WriteAsync(new SubunitEvent { TestId = id, Status = status, Timestamp = _t0.AddSeconds(ids.Length + 1) }, CancellationToken.None);
            }

            await writer.FlushAsync(CancellationToken.None);
            await output.WriteAsync(Garbage, CancellationToken.None);
        }

        await consumer;
        return cancellationToken.IsCancellationRequested ? 130 : ExitCode;
    }
}

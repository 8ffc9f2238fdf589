using Stackmark.Subunit;

namespace Stackmark.Runner;

/// <summary>
/// The live state of a run, folded from subunit events: tests finished by status, the test now running, and
/// which capabilities are decided (every planned test of it finished).
/// </summary>
public sealed class RunProgress : IResultSink
{
    private readonly Dictionary<TestName, List<PlannedTest>> _byTempestName = [];
    private readonly Dictionary<CapabilityId, int> _remaining = [];
    private readonly Dictionary<CapabilityId, bool> _failed = [];
    private readonly HashSet<TestName> _finished = [];
    private readonly Dictionary<string, List<TestName>> _byClass = new(StringComparer.Ordinal);

    /// <summary>Starts tracking a plan.</summary>
    public RunProgress(TestPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var p in plan.Tests.Where(t => t.Resolved is not null && !t.Test.IsFlagged))
        {
            if (!_byTempestName.TryGetValue(p.Resolved!.Value, out var list))
            {
                _byTempestName[p.Resolved.Value] = list = [];
            }

            list.Add(p);
            _remaining[p.Capability.Id] = _remaining.GetValueOrDefault(p.Capability.Id) + 1;
        }

        foreach (var name in plan.ToRun)
        {
            var cls = RunResults.ClassOf(name);
            if (!_byClass.TryGetValue(cls, out var members))
            {
                _byClass[cls] = members = [];
            }

            members.Add(name);
        }

        Total = plan.ToRun.Count;
        Capabilities = plan.Tests.Select(t => t.Capability.Id).Distinct().Count();
        // Capabilities with nothing runnable are decided from the start.
        DecidedFailing = plan.Tests.Where(t => t.Resolved is null && !t.Test.IsFlagged).Select(t => t.Capability.Id).Distinct().Count(c => !_remaining.ContainsKey(c));
        DecidedPassing = Capabilities - _remaining.Count - DecidedFailing;
        foreach (var c in plan.Tests.Where(t => t.Resolved is null && !t.Test.IsFlagged).Select(t => t.Capability.Id))
        {
            _failed[c] = true;
        }
    }

    /// <summary>Tests to run.</summary>
    public int Total { get; }

    /// <summary>Tests finished.</summary>
    public int Done => Passed + Failed + Skipped;

    /// <summary>Tests passed.</summary>
    public int Passed { get; private set; }

    /// <summary>Tests failed.</summary>
    public int Failed { get; private set; }

    /// <summary>Tests skipped.</summary>
    public int Skipped { get; private set; }

    /// <summary>Capabilities in the plan.</summary>
    public int Capabilities { get; }

    /// <summary>Capabilities whose every counted test passed.</summary>
    public int DecidedPassing { get; private set; }

    /// <summary>Capabilities decided as failing.</summary>
    public int DecidedFailing { get; private set; }

    /// <summary>The last test that started.</summary>
    public string? Current { get; private set; }

    /// <summary>Raised after a test finishes, with its id and status.</summary>
    public event Action<string, SubunitStatus, TimeSpan?>? TestFinished;

    private readonly Dictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void OnEvent(SubunitEvent subunitEvent)
    {
        ArgumentNullException.ThrowIfNull(subunitEvent);
        if (subunitEvent.TestId is not { } id || subunitEvent.IsParserFailure)
        {
            return;
        }

        if (subunitEvent.Status == SubunitStatus.InProgress)
        {
            Current = id;
            if (subunitEvent.Timestamp is { } t)
            {
                _started[id] = t;
            }

            return;
        }

        if (subunitEvent.Status < SubunitStatus.Success)
        {
            return;
        }

        if (ClassError.TryParseId(id, out var fixture, out var cls))
        {
            // A class set-up that skipped or failed decides every test of the class at once; a tear-down error
            // comes after its tests finished and changes none of them.
            if (fixture == "setUpClass")
            {
                foreach (var test in _byClass.GetValueOrDefault(cls) ?? [])
                {
                    Finish(test, subunitEvent.Status, test.Value, null);
                }
            }

            return;
        }

        var (name, _) = TestName.FromTempestId(id);
        TimeSpan? duration = subunitEvent.Timestamp is { } end && _started.TryGetValue(id, out var start) ? end - start : null;
        Finish(name, subunitEvent.Status, id, duration);
    }

    private void Finish(TestName name, SubunitStatus status, string id, TimeSpan? duration)
    {
        if (!_finished.Add(name))
        {
            return;
        }

        var passed = status is SubunitStatus.Success or SubunitStatus.XFail;
        switch (status)
        {
            case SubunitStatus.Success or SubunitStatus.XFail:
                Passed++;
                break;
            case SubunitStatus.Skip:
                Skipped++;
                break;
            default:
                Failed++;
                break;
        }

        foreach (var p in _byTempestName.GetValueOrDefault(name) ?? [])
        {
            var cap = p.Capability.Id;
            if (!passed)
            {
                _failed[cap] = true;
            }

            if (--_remaining[cap] == 0)
            {
                if (_failed.GetValueOrDefault(cap))
                {
                    DecidedFailing++;
                }
                else
                {
                    DecidedPassing++;
                }
            }
        }

        TestFinished?.Invoke(id, status, duration);
    }

    /// <summary>One line: counts and capabilities decided.</summary>
    public string Describe() =>
        $"{Done}/{Total} tests: {Passed} passed, {Failed} failed, {Skipped} skipped; capabilities decided {DecidedPassing + DecidedFailing}/{Capabilities} ({DecidedFailing} failing)";
}

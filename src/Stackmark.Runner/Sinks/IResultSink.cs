using Stackmark.Subunit;

namespace Stackmark.Runner;

/// <summary>Receives every subunit event of a run as it arrives: progress views, collectors, files.</summary>
public interface IResultSink
{
    /// <summary>Handles one event. May be called from the reading thread only; need not be thread-safe.</summary>
    void OnEvent(SubunitEvent subunitEvent);
}

/// <summary>Fans events out to several sinks; a sink that throws is reported once and skipped, never killing the run.</summary>
public sealed class SafeFanOutSink(IReadOnlyList<IResultSink> sinks, Action<IResultSink, Exception> onFailure) : IResultSink
{
    private readonly HashSet<IResultSink> _failed = [];

    /// <inheritdoc />
    public void OnEvent(SubunitEvent subunitEvent)
    {
        foreach (var sink in sinks)
        {
            if (_failed.Contains(sink))
            {
                continue;
            }

            try
            {
                sink.OnEvent(subunitEvent);
            }
#pragma warning disable CA1031 // A broken view must not lose the run's results.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _failed.Add(sink);
                onFailure(sink, e);
            }
        }
    }
}

/// <summary>Folds events into per-test results.</summary>
public sealed class CollectingSink : IResultSink
{
    /// <summary>The results so far.</summary>
    public SubunitTestResults Results { get; } = new();

    /// <inheritdoc />
    public void OnEvent(SubunitEvent subunitEvent) => Results.Add(subunitEvent);
}

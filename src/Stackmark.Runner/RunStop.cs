namespace Stackmark.Runner;

/// <summary>
/// Stops a run from outside (a signal, Ctrl-C, a job's deadline): the first request lets Tempest stop cleanly and flush
/// the tests that finished; a second one kills it at once. Either way the run's outputs are written.
/// </summary>
/// <remarks>Thread-safe: signal handlers call <see cref="Request"/> from the runtime's signal thread.</remarks>
public sealed class RunStop : IDisposable
{
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _forced = new();
    private readonly Lock _gate = new();
    private RunInterruption? _interruption;

    /// <summary>Cancelled by the first request: stop Tempest, with a grace for it to flush.</summary>
    public CancellationToken Graceful => _graceful.Token;

    /// <summary>Cancelled by the second request: skip the grace.</summary>
    public CancellationToken Forced => _forced.Token;

    /// <summary>
    /// Whether the running command handles a second request itself (a run kills Tempest and still writes its outputs);
    /// otherwise the host ends the process on it.
    /// </summary>
    public bool HandlesForced { get; set; }

    /// <summary>What asked first, when, and whether a second request followed; null while nothing asked.</summary>
    public RunInterruption? Interruption
    {
        get
        {
            lock (_gate)
            {
                return _interruption;
            }
        }
    }

    /// <summary>Asks the run to stop, naming the cause (e.g. <c>SIGTERM</c>). Returns true for the first request.</summary>
    public bool Request(string cause, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_interruption is null)
            {
                _interruption = new RunInterruption(cause, at, false);
                _graceful.Cancel();
                return true;
            }

            _interruption = _interruption with { Forced = true };
            _forced.Cancel();
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _graceful.Dispose();
        _forced.Dispose();
    }
}

/// <summary>How a run was stopped from outside.</summary>
/// <param name="Cause">What asked: <c>SIGINT</c>, <c>SIGTERM</c>, <c>SIGHUP</c>, or <c>cancelled</c> (a caller's token).</param>
/// <param name="At">When the first request came.</param>
/// <param name="Forced">Whether a second request skipped the grace and killed Tempest at once.</param>
public sealed record RunInterruption(string Cause, DateTimeOffset At, bool Forced);

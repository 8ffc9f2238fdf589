namespace Stackmark.Server.Tests.Support;

/// <summary>A clock that stands still until a test moves it (a hand-written fake of <see cref="TimeProvider"/>).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

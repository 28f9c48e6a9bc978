namespace ConnDiag.Core.Tests.Clock.Support;

/// <summary>
/// A local clock that is wrong on purpose: the system clock plus <paramref name="shift"/>, or one that starts
/// at a chosen moment and then runs in real time. The monotonic timestamps stay the system's.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private readonly TimeSpan _shift;

    public ShiftedClock(TimeSpan shift) => _shift = shift;

    /// <summary>A clock that reads <paramref name="now"/> at this moment.</summary>
    public static ShiftedClock StartingAt(DateTimeOffset now) => new(now - DateTimeOffset.UtcNow);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
}

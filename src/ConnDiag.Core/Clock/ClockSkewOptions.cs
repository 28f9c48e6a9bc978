namespace ConnDiag.Clock;

/// <summary>How to measure and when to call the offset a skew.</summary>
/// <param name="Timeout">How long to wait for one answer: each NTP request, or the whole HTTP request (and the name lookup).</param>
/// <param name="MaximumOffset">
/// The offset allowed before <c>CLOCK.SKEW</c> is raised, beyond the measurement's uncertainty; null means the
/// method's default (<see cref="DefaultNtpMaximumOffset"/>, <see cref="DefaultHttpMaximumOffset"/>).
/// </param>
/// <param name="Attempts">NTP requests to send at most before giving up (each waits <paramref name="Timeout"/>).</param>
public sealed record ClockSkewOptions(TimeSpan Timeout, TimeSpan? MaximumOffset = null, int Attempts = ClockSkewOptions.DefaultAttempts)
{
    public const int DefaultAttempts = 3;
    public const int MaxAttempts = 10;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(300);

    /// <summary>NTP measures to a millisecond; a synchronized clock is well within 2 s.</summary>
    public static readonly TimeSpan DefaultNtpMaximumOffset = TimeSpan.FromSeconds(2);

    /// <summary>The Date header has one-second granularity, so the default allows more.</summary>
    public static readonly TimeSpan DefaultHttpMaximumOffset = TimeSpan.FromSeconds(5);

    public static ClockSkewOptions Default { get; } = new(DefaultTimeout);

    /// <summary>The allowed offset for <paramref name="method"/>: <see cref="MaximumOffset"/> or the method's default.</summary>
    public TimeSpan MaximumOffsetFor(ClockMethod method) =>
        MaximumOffset ?? (method == ClockMethod.Ntp ? DefaultNtpMaximumOffset : DefaultHttpMaximumOffset);
}

namespace ConnDiag.Clock.Ntp;

/// <summary>
/// The 64-bit NTP timestamp: 32 bits of seconds since 1900-01-01 UTC and 32 bits of fraction. The seconds
/// wrap every 2^32 s (about 136 years, the first wrap is 2036-02-07 06:28:16 UTC), so a timestamp alone does
/// not name a moment: it names the one within 68 years of a pivot (RFC 5905 §6). Differences are taken in
/// wrapping 64-bit arithmetic, which is correct across an era boundary as long as the two lie within 68 years.
/// </summary>
internal readonly record struct NtpTimestamp(ulong Value)
{
    /// <summary>Start of era 0 (the prime epoch).</summary>
    public static readonly DateTimeOffset Era0 = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const double FixedPointOne = 4294967296.0; // 2^32

    public uint Seconds => (uint)(Value >> 32);

    public uint Fraction => (uint)Value;

    public bool IsZero => Value == 0;

    /// <summary>The timestamp of a moment (at or after 1900), modulo the era.</summary>
    public static NtpTimestamp FromDateTime(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - Era0.UtcTicks;
        if (ticks < 0) throw new ArgumentOutOfRangeException(nameof(time), "NTP time starts in 1900.");
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var rest = (ulong)(ticks % TimeSpan.TicksPerSecond);
        // rest < 10^7, so rest * 2^32 fits in 64 bits; shifting the seconds left drops the era (mod 2^32).
        var fraction = (rest << 32) / TimeSpan.TicksPerSecond;
        return new NtpTimestamp((seconds << 32) | fraction);
    }

    /// <summary><paramref name="a"/> − <paramref name="b"/> in milliseconds; valid when they lie within 68 years.</summary>
    public static double DifferenceMs(NtpTimestamp a, NtpTimestamp b) =>
        unchecked((long)(a.Value - b.Value)) / FixedPointOne * 1000.0;

    /// <summary>The moment this timestamp names in the era that puts it nearest to <paramref name="pivot"/>.</summary>
    public DateTimeOffset ToDateTime(DateTimeOffset pivot) =>
        pivot.AddTicks((long)Math.Round(DifferenceMs(this, FromDateTime(pivot)) * TimeSpan.TicksPerMillisecond));

    public static NtpTimestamp Read(ReadOnlySpan<byte> eightBytes) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(eightBytes));

    public void Write(Span<byte> eightBytes) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(eightBytes, Value);

    public override string ToString() => $"0x{Value:x16}";
}

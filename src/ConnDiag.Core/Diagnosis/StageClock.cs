using System.Diagnostics;

namespace ConnDiag.Diagnosis;

/// <summary>Elapsed milliseconds since a timestamp, for the durations stages record.</summary>
internal static class StageClock
{
    public static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

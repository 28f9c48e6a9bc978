using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ConnDiag.Core.Tests.Clock.Support;

/// <summary>
/// Stops a child server by its PID. libfaketime (0.9.10) creates /dev/shm/faketime_shm_PID and
/// sem.faketime_sem_PID in every process it is preloaded into and removes them in its exit handler, which
/// SIGKILL skips. So the child first gets a signal it exits cleanly on (chronyd: SIGTERM; python: SIGINT,
/// which ends serve_forever normally), and only if it does not exit in time SIGKILL; then any of the two
/// files that its PID names and that are still there are removed.
/// </summary>
internal static class ChildStop
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    public static void Stop(Process process, int signal)
    {
        int pid;
        try
        {
            if (process.HasExited) return;
            pid = process.Id;
        }
        catch (InvalidOperationException)
        {
            return;
        }
        if (Kill(pid, signal) != 0 || !process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }
        var id = pid.ToString(CultureInfo.InvariantCulture);
        foreach (var leftover in new[] { $"/dev/shm/faketime_shm_{id}", $"/dev/shm/sem.faketime_sem_{id}" })
        {
            try
            {
                File.Delete(leftover);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not ours to remove after all; leave it.
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

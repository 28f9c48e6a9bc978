namespace ConnDiag.Cli;

internal static class Program
{
    /// <summary>How long cancelled work may take to wind down before the process ends anyway.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(3);

    private static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        // First Ctrl+C cancels the sweep cleanly (sockets closed, JSON array closed, exit 130).
        // Work that cannot watch the token (a blocking read of targets typed on a terminal) must not turn
        // Ctrl+C into a no-op, so after a grace period the process ends anyway; a second Ctrl+C ends it at once.
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cts.IsCancellationRequested) return;
            e.Cancel = true;
            cts.Cancel();
            _ = Task.Delay(CancelGrace).ContinueWith(_ =>
            {
                Console.Error.WriteLine("conndiag: cancelled");
                Environment.Exit(ExitCodes.Cancelled);
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await CliApp.RunAsync(args, CliConsole.FromProcess(), cts.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}

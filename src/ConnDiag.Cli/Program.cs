namespace ConnDiag.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        // First Ctrl+C cancels the sweep cleanly (sockets closed, JSON array closed, exit 130);
        // a second one, if shutting down hangs, lets the runtime end the process.
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = !cts.IsCancellationRequested;
            cts.Cancel();
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

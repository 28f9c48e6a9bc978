namespace ConnDiag.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("conndiag: not yet wired");
        return 2;
    }
}

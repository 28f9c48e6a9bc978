namespace ConnDiag.Dns.Configuration;

/// <summary>
/// What besides the file shapes glibc's resolver configuration: the <c>LOCALDOMAIN</c> and <c>RES_OPTIONS</c>
/// environment variables and the host name (its domain part is the search list when the file sets none).
/// </summary>
/// <param name="LocalDomain">LOCALDOMAIN: replaces the file's search list.</param>
/// <param name="ResOptions">RES_OPTIONS: options applied after the file's.</param>
/// <param name="HostName">The host name (gethostname); null to skip the host-name default.</param>
public sealed record ResolvConfContext(string? LocalDomain, string? ResOptions, string? HostName)
{
    /// <summary>The file alone: no environment, no host name.</summary>
    public static ResolvConfContext None { get; } = new(null, null, null);

    /// <summary>This process's environment and host name.</summary>
    public static ResolvConfContext ForCurrentProcess()
    {
        string? host;
        try
        {
            host = System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            host = null;
        }
        return new(Environment.GetEnvironmentVariable("LOCALDOMAIN"), Environment.GetEnvironmentVariable("RES_OPTIONS"), host);
    }
}

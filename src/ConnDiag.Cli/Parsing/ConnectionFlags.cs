using ConnDiag.Diagnosis;

namespace ConnDiag.Cli.Parsing;

/// <summary>
/// The connection flags every diagnosing command shares (`endpoint`, `claude`): trust, proxy, pinned address and
/// timeout, mapped onto <see cref="EndpointSettings"/>, which checks their values for both front ends.
/// </summary>
internal static class ConnectionFlags
{
    /// <summary>Applies <paramref name="arg"/> when it is one of the shared flags; false when it is not.</summary>
    public static bool TryApply(Arg arg, ArgReader reader, ref EndpointSettings settings)
    {
        switch (arg.Name)
        {
            case "--cacert" or "--ca-bundle":
                settings = settings with { CaBundle = reader.ValueOf(arg) };
                return true;
            case "--proxy":
                settings = settings with { Proxy = reader.ValueOf(arg) };
                return true;
            case "--noproxy" or "--no-proxy":
                settings = settings with { NoProxy = reader.ValueOf(arg) };
                return true;
            case "--connect-to":
                settings = settings with { ConnectTo = reader.ValueOf(arg) };
                return true;
            case "--timeout":
                settings = settings with { TimeoutSeconds = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                return true;
            default:
                return false;
        }
    }
}

using ConnDiag.Diagnosis;
using ConnDiag.Dns;

namespace ConnDiag.Cli.Parsing;

/// <summary>
/// The connection flags every diagnosing command shares (`endpoint`, `claude`): trust, proxy, pinned address,
/// address family and timeout, mapped onto <see cref="EndpointSettings"/>, which checks their values for both front ends.
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
            case "-4" or "--ipv4":
                ArgReader.NoValue(arg);
                settings = settings with { Family = OneFamily(settings.Family, AddressFamilyFilter.IPv4) };
                return true;
            case "-6" or "--ipv6":
                ArgReader.NoValue(arg);
                settings = settings with { Family = OneFamily(settings.Family, AddressFamilyFilter.IPv6) };
                return true;
            case "--timeout":
                settings = settings with { TimeoutSeconds = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                return true;
            default:
                return false;
        }
    }

    private static AddressFamilyFilter OneFamily(AddressFamilyFilter current, AddressFamilyFilter wanted) =>
        current == AddressFamilyFilter.Any || current == wanted
            ? wanted
            : throw new UsageException("-4/--ipv4 and -6/--ipv6 exclude each other: give one, or neither to try every address");
}

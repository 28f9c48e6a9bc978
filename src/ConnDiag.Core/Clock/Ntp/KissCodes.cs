namespace ConnDiag.Clock.Ntp;

/// <summary>What the kiss-o'-death codes of RFC 5905 §7.4 mean, for the finding's evidence.</summary>
internal static class KissCodes
{
    public static string Explain(string code) => code switch
    {
        "DENY" => "access denied by the server (stop querying it)",
        "RSTR" => "access denied due to the server's local policy (stop querying it)",
        "RATE" => "rate exceeded: the server asks this client to query less often",
        "NKEY" => "no key found: a symmetric key was expected",
        "AUTH" => "server authentication failed",
        "AUTO" => "Autokey sequence failed",
        "CRYP" => "cryptographic authentication or identification failed",
        "BCST" => "the server is in broadcast mode",
        "MCST" => "the server is in multicast mode",
        "INIT" => "the server's association has not synchronized for the first time yet",
        "STEP" => "the server's clock is being stepped",
        "ACST" => "the association belongs to an anycast server",
        "DROP" => "lost peer in symmetric mode",
        "RMOT" => "the server is being configured remotely",
        _ => "unknown kiss code",
    };

    /// <summary>DENY and RSTR tell the client to stop; RFC 4330 §8 says not to query that server again.</summary>
    public static bool MeansStop(string code) => code is "DENY" or "RSTR";
}

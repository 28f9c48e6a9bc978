namespace ConnDiag.Http;

/// <summary>The phases of one HTTP exchange, in order (see <see cref="HttpPhases"/> for their boundaries).</summary>
public enum HttpPhase { Dns, Connect, Proxy, Tls, Ttfb, Transfer }

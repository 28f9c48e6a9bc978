namespace ConnDiag.Http;

/// <summary>
/// The CORS preflight a browser would send before the request (OPTIONS with Origin and
/// Access-Control-Request-Method/-Headers), what the server allowed, and whether a browser would proceed.
/// </summary>
/// <param name="Origin">The Origin sent.</param>
/// <param name="RequestMethod">Access-Control-Request-Method: the request's method.</param>
/// <param name="RequestHeaders">Access-Control-Request-Headers: the request's non-safelisted header names, lower case.</param>
/// <param name="WithCredentials">True when the check assumed a credentialed request (cookies or HTTP auth).</param>
/// <param name="Preflight">The OPTIONS exchange.</param>
/// <param name="AllowOrigin">Access-Control-Allow-Origin from the preflight, or null.</param>
/// <param name="AllowMethods">Access-Control-Allow-Methods, or null.</param>
/// <param name="AllowHeaders">Access-Control-Allow-Headers, or null.</param>
/// <param name="AllowCredentials">True when Access-Control-Allow-Credentials is <c>true</c>.</param>
/// <param name="Allowed">True when a browser would send the request and accept the response.</param>
/// <param name="Problems">Each reason a browser would refuse, in words; empty when allowed.</param>
public sealed record CorsCheck(
    string Origin,
    string RequestMethod,
    IReadOnlyList<string> RequestHeaders,
    bool WithCredentials,
    HttpExchange Preflight,
    string? AllowOrigin,
    string? AllowMethods,
    string? AllowHeaders,
    bool AllowCredentials,
    bool Allowed,
    IReadOnlyList<string> Problems);

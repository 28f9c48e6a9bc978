using System.Text;
using ConnDiag.Model;

namespace ConnDiag.Http.Proxy;

/// <summary>The CONNECT request head, as curl sends it (authority-form target, Host, preemptive Basic credentials).</summary>
internal static class ConnectRequest
{
    public const string UserAgent = "ConnDiag";

    /// <summary>
    /// <c>CONNECT host:port HTTP/1.1</c> with Host and, when credentials are configured, Proxy-Authorization: Basic.
    /// The host has been validated as a name or IP literal upstream; anything that could break the request line
    /// (controls, spaces) is refused here again rather than sent.
    /// </summary>
    public static byte[] Build(string host, int port, ProxyCredentials? credentials)
    {
        foreach (var c in host)
        {
            if (c <= ' ' || c >= 0x7F || c is '/' or '@' or '?' or '#')
            {
                throw new ArgumentException($"'{host}' cannot be sent as a CONNECT target: it contains '{(c < ' ' ? "\\x" + ((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture) : c.ToString())}'", nameof(host));
            }
        }
        var authority = Target.Format(host.Trim('[', ']'), port);
        var sb = new StringBuilder(256)
            .Append("CONNECT ").Append(authority).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(authority).Append("\r\n")
            .Append("User-Agent: ").Append(UserAgent).Append("\r\n");
        if (credentials is not null)
        {
            sb.Append("Proxy-Authorization: Basic ").Append(credentials.BasicToken).Append("\r\n");
        }
        sb.Append("\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}

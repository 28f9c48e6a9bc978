using System.Net;
using System.Text;
using ConnDiag.Secrets;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// A user name and password for a proxy (Basic authentication). The password is never exposed as a property,
/// so neither <see cref="object.ToString"/> nor a JSON serializer can print it; the properties show the user
/// name and whether a password is set. A user name without a password is often a token, so it is hidden too.
/// </summary>
public sealed class ProxyCredentials
{
    private readonly string _userName;
    private readonly string _password;
    private readonly bool _hasPassword;

    /// <summary>Credentials as given (already percent-decoded). A null password means the URL had none.</summary>
    public ProxyCredentials(string userName, string? password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        _userName = userName;
        _password = password ?? "";
        _hasPassword = password is not null;
    }

    /// <summary>True when a password was given (even an empty one, written <c>user:@host</c>).</summary>
    public bool HasPassword => _hasPassword;

    /// <summary>The user name, or <see cref="SecretMasker.Hidden"/> when there is no password (a token-style user name).</summary>
    public string DisplayUser => _hasPassword ? _userName : SecretMasker.Hidden;

    /// <summary>How the credentials appear in a masked URL: <c>alice:****</c> or <c>****</c>.</summary>
    public string Display => _hasPassword ? _userName + ":" + SecretMasker.Hidden : SecretMasker.Hidden;

    /// <summary>For <see cref="IWebProxy.Credentials"/>: the one place the password leaves this object.</summary>
    public NetworkCredential ToNetworkCredential() => new(_userName, _password);

    /// <summary>The <c>Proxy-Authorization: Basic</c> token (base64 of <c>user:password</c>, as curl sends it).</summary>
    internal string BasicToken => Convert.ToBase64String(Encoding.UTF8.GetBytes(_userName + ":" + _password));

    /// <summary>Values that must never appear in output: the password, the Basic token, and a token-style user name.</summary>
    internal IEnumerable<string> SecretValues
    {
        get
        {
            yield return BasicToken;
            if (_hasPassword)
            {
                yield return _password;
                yield return Uri.EscapeDataString(_password);
            }
            else
            {
                yield return _userName;
                yield return Uri.EscapeDataString(_userName);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Display;
}

using System.Buffers.Binary;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>What the server answered to a hand-written ClientHello.</summary>
internal sealed record ServerHelloAnswer(
    TlsVersion? Version, string? CipherSuite, bool HelloRetry, int? Alert, bool NotTls, IReadOnlyList<X509Certificate2> Certificates)
{
    public static ServerHelloAnswer Incomplete { get; } = new(null, null, false, null, false, []);
}

/// <summary>
/// Reads the server's first flight in clear text: the ServerHello (version, cipher suite, HelloRetryRequest),
/// or an alert; for TLS 1.2 also the Certificate message that follows. Stops as soon as it knows enough;
/// every length is checked against what was received.
/// </summary>
internal static class ServerHelloReader
{
    // SHA-256("HelloRetryRequest"), the fixed random of a TLS 1.3 HelloRetryRequest (RFC 8446 §4.1.3).
    private static readonly byte[] HelloRetryRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /// <summary>The answer once <paramref name="received"/> holds enough of it; null while more bytes are needed.</summary>
    public static ServerHelloAnswer? TryRead(ReadOnlySpan<byte> received, bool wantCertificates)
    {
        if (received.Length > 0 && (received[0] is < 20 or > 24 || (received.Length > 1 && received[1] != 3)))
        {
            return ServerHelloAnswer.Incomplete with { NotTls = true };
        }

        // Concatenate the handshake records' payloads; handshake messages may span records.
        var handshake = new List<byte>();
        var offset = 0;
        while (offset + 5 <= received.Length)
        {
            var type = received[offset];
            var length = BinaryPrimitives.ReadUInt16BigEndian(received[(offset + 3)..]);
            if (offset + 5 + length > received.Length) break;
            var payload = received.Slice(offset + 5, length);
            if (type == 21 && payload.Length >= 2) return ServerHelloAnswer.Incomplete with { Alert = payload[1] };
            if (type == 22) handshake.AddRange(payload.ToArray());
            else if (type != 20) break; // application data or anything else: the clear-text part is over
            offset += 5 + length;
        }
        return Parse([.. handshake], wantCertificates);
    }

    private static ServerHelloAnswer? Parse(byte[] h, bool wantCertificates)
    {
        if (h.Length < 4) return null;
        if (h[0] != 2) return ServerHelloAnswer.Incomplete; // the first message must be a ServerHello
        var helloLength = (h[1] << 16) | (h[2] << 8) | h[3];
        if (h.Length < 4 + helloLength) return null;
        var hello = h.AsSpan(4, helloLength);
        if (hello.Length < 2 + 32 + 1) return ServerHelloAnswer.Incomplete;
        var legacy = BinaryPrimitives.ReadUInt16BigEndian(hello);
        var retry = hello.Slice(2, 32).SequenceEqual(HelloRetryRandom);
        var p = 2 + 32;
        var sessionLength = hello[p];
        p += 1 + sessionLength;
        if (p + 3 > hello.Length) return ServerHelloAnswer.Incomplete;
        var suite = BinaryPrimitives.ReadUInt16BigEndian(hello[p..]);
        p += 3;
        var selected = legacy;
        if (p + 2 <= hello.Length)
        {
            var extensionsEnd = Math.Min(hello.Length, p + 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[p..]));
            p += 2;
            while (p + 4 <= extensionsEnd)
            {
                var type = BinaryPrimitives.ReadUInt16BigEndian(hello[p..]);
                var len = BinaryPrimitives.ReadUInt16BigEndian(hello[(p + 2)..]);
                if (type == 0x002B && len == 2 && p + 6 <= extensionsEnd) selected = BinaryPrimitives.ReadUInt16BigEndian(hello[(p + 4)..]);
                p += 4 + len;
            }
        }
        var version = selected switch
        {
            0x0304 => TlsVersion.Tls13,
            0x0303 => TlsVersion.Tls12,
            0x0302 => TlsVersion.Tls11,
            0x0301 => (TlsVersion?)TlsVersion.Tls10,
            _ => null,
        };
        var suiteName = Enum.IsDefined(typeof(TlsCipherSuite), suite) ? ((TlsCipherSuite)suite).ToString() : $"0x{suite:X4}";
        var answer = new ServerHelloAnswer(version, suiteName, retry, null, false, []);
        if (!wantCertificates || version == TlsVersion.Tls13) return answer;

        // TLS 1.2 and older: the Certificate message follows in clear text.
        var q = 4 + helloLength;
        while (q + 4 <= h.Length)
        {
            var type = h[q];
            var length = (h[q + 1] << 16) | (h[q + 2] << 8) | h[q + 3];
            if (q + 4 + length > h.Length) return null;
            if (type == 11) return answer with { Certificates = Certificates(h.AsSpan(q + 4, length)) };
            q += 4 + length;
        }
        return null;
    }

    private static List<X509Certificate2> Certificates(ReadOnlySpan<byte> message)
    {
        var result = new List<X509Certificate2>();
        if (message.Length < 3) return result;
        var end = Math.Min(message.Length, 3 + ((message[0] << 16) | (message[1] << 8) | message[2]));
        var p = 3;
        while (p + 3 <= end)
        {
            var length = (message[p] << 16) | (message[p + 1] << 8) | message[p + 2];
            p += 3;
            if (p + length > end) break;
            try
            {
                // Only a plain certificate: a PKCS#12 blob from a hostile server must not be opened.
                var der = message.Slice(p, length).ToArray();
                if (X509Certificate2.GetCertContentType(der) != X509ContentType.Cert) break;
                result.Add(new X509Certificate2(der));
            }
            catch (CryptographicException)
            {
                // A certificate the platform cannot parse ends the list; the chain is analysed as far as it goes.
                break;
            }
            p += length;
        }
        return result;
    }
}

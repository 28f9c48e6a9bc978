using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ConnDiag.Tls;

/// <summary>
/// A ClientHello offering exactly one TLS version (1.2 or 1.3), written by hand so a version check does not
/// depend on what the local TLS library allows (Debian's OpenSSL refuses to offer some versions at all) and
/// costs the client no cryptography: the server's ServerHello (or alert) is all the check reads.
/// The offer is what current clients send: ECDHE with AES-GCM and ChaCha20, the usual groups and
/// signature algorithms, SNI when the name is not an address.
/// </summary>
internal static class ClientHello
{
    private static readonly ushort[] Tls12Suites =
    [
        0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, // ECDHE-ECDSA/RSA with AES-GCM and ChaCha20
        0xC009, 0xC013, 0xC00A, 0xC014,                 // ECDHE with AES-CBC (older servers)
        0x009C, 0x009D, 0x002F, 0x0035,                 // RSA key exchange (legacy servers)
    ];

    private static readonly ushort[] Tls13Suites = [0x1301, 0x1302, 0x1303];

    private static readonly ushort[] Groups = [0x001D, 0x0017, 0x0018, 0x0019]; // x25519, P-256, P-384, P-521

    private static readonly ushort[] SignatureAlgorithms =
    [
        0x0403, 0x0503, 0x0603,         // ECDSA with SHA-256/384/512
        0x0804, 0x0805, 0x0806,         // RSA-PSS (rsae)
        0x0401, 0x0501, 0x0601,         // RSA PKCS#1
        0x0807,                         // Ed25519
        0x0201, 0x0203,                 // RSA and ECDSA with SHA-1 (old TLS 1.2 servers)
    ];

    public static byte[] Build(TlsVersion version, string serverName)
    {
        var tls13 = version == TlsVersion.Tls13;
        var extensions = new List<byte>();
        if (!IPAddress.TryParse(serverName, out _))
        {
            var name = Encoding.ASCII.GetBytes(serverName.TrimEnd('.'));
            var list = new List<byte> { 0 };   // host_name
            AddU16(list, name.Length);
            list.AddRange(name);
            var sni = new List<byte>();
            AddU16(sni, list.Count);
            sni.AddRange(list);
            AddExtension(extensions, 0x0000, sni);
        }
        AddExtension(extensions, 0x000A, U16List(Groups));
        AddExtension(extensions, 0x000D, U16List(SignatureAlgorithms));
        if (tls13)
        {
            AddExtension(extensions, 0x002B, [2, 0x03, 0x04]);                       // supported_versions: 1.3 only
            var share = new List<byte>();
            AddU16(share, 2 + 2 + 32);
            AddU16(share, 0x001D);
            AddU16(share, 32);
            // Any 32 bytes are a valid X25519 public key; nobody will finish this handshake.
            share.AddRange(RandomNumberGenerator.GetBytes(32));
            AddExtension(extensions, 0x0033, share);                                  // key_share
            AddExtension(extensions, 0x002D, [1, 1]);                                 // psk_key_exchange_modes: psk_dhe_ke
        }
        else
        {
            AddExtension(extensions, 0x000B, [1, 0]);                                 // ec_point_formats: uncompressed
            AddExtension(extensions, 0xFF01, [0]);                                    // renegotiation_info (empty)
            AddExtension(extensions, 0x0017, []);                                     // extended_master_secret
        }

        var body = new List<byte> { 0x03, 0x03 };                                     // legacy_version TLS 1.2
        body.AddRange(RandomNumberGenerator.GetBytes(32));
        body.Add(32);
        body.AddRange(RandomNumberGenerator.GetBytes(32));                            // session id (1.3 middlebox compatibility)
        var suites = tls13 ? Tls13Suites : Tls12Suites;
        AddU16(body, suites.Length * 2);
        foreach (var s in suites) AddU16(body, s);
        body.Add(1);
        body.Add(0);                                                                  // compression: null
        AddU16(body, extensions.Count);
        body.AddRange(extensions);

        var handshake = new List<byte> { 1 };                                         // client_hello
        AddU24(handshake, body.Count);
        handshake.AddRange(body);
        var record = new List<byte> { 22, 0x03, 0x01 };
        AddU16(record, handshake.Count);
        record.AddRange(handshake);
        return [.. record];
    }

    private static void AddExtension(List<byte> to, ushort type, IReadOnlyCollection<byte> data)
    {
        AddU16(to, type);
        AddU16(to, data.Count);
        to.AddRange(data);
    }

    private static List<byte> U16List(ushort[] values)
    {
        var list = new List<byte>();
        AddU16(list, values.Length * 2);
        foreach (var v in values) AddU16(list, v);
        return list;
    }

    private static void AddU16(List<byte> to, int value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        to.Add(b[0]);
        to.Add(b[1]);
    }

    private static void AddU24(List<byte> to, int value)
    {
        to.Add((byte)(value >> 16));
        to.Add((byte)(value >> 8));
        to.Add((byte)value);
    }
}

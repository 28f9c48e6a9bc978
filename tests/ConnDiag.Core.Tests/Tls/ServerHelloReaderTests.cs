using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>
/// The clear-text reader behind the protocol checks gets whatever a hostile or broken peer sends: truncated
/// records, lying lengths, random bytes. It must answer or ask for more, never throw or read out of bounds.
/// (Real ServerHellos are read in TlsProbeTests against openssl s_server.)
/// </summary>
public sealed class ServerHelloReaderTests
{
    [Fact]
    public void A_ClientHello_is_one_handshake_record_offering_one_version()
    {
        var tls13 = ClientHello.Build(TlsVersion.Tls13, "example.test");
        var tls12 = ClientHello.Build(TlsVersion.Tls12, "127.0.0.1");

        Assert.Equal(22, tls13[0]);
        Assert.Equal(tls13.Length - 5, (tls13[3] << 8) | tls13[4]);
        Assert.Equal(1, tls13[5]); // client_hello
        Assert.Contains("example.test", System.Text.Encoding.ASCII.GetString(tls13));
        // No SNI for an address, and no supported_versions (0x002b) in the TLS 1.2 offer.
        Assert.DoesNotContain("127.0.0.1", System.Text.Encoding.ASCII.GetString(tls12));
        Assert.False(ContainsExtension(tls12, 0x002B));
        Assert.True(ContainsExtension(tls13, 0x002B));
    }

    [Fact]
    public void An_alert_record_is_read_as_the_refusal()
    {
        byte[] alert = [21, 3, 3, 0, 2, 2, 70];

        var answer = ServerHelloReader.TryRead(alert, wantCertificates: true);

        Assert.NotNull(answer);
        Assert.Equal(70, answer!.Alert);
    }

    [Fact]
    public void Plain_text_is_not_TLS()
    {
        var answer = ServerHelloReader.TryRead("HTTP/1.1 400 Bad Request\r\n"u8, wantCertificates: false);
        Assert.True(answer!.NotTls);
    }

    [Fact]
    public void A_truncated_record_asks_for_more()
    {
        Assert.Null(ServerHelloReader.TryRead([22, 3, 3, 0x40, 0], wantCertificates: false));
        Assert.Null(ServerHelloReader.TryRead([22, 3, 3], wantCertificates: false));
    }

    [Fact]
    public void Random_and_mangled_input_never_throws()
    {
        var random = new Random(4242);
        var hello = ClientHello.Build(TlsVersion.Tls12, "x.test");
        for (var i = 0; i < 20_000; i++)
        {
            byte[] data;
            if (i % 2 == 0)
            {
                data = new byte[random.Next(0, 300)];
                random.NextBytes(data);
                if (data.Length > 1) { data[0] = 22; data[1] = 3; }
            }
            else
            {
                // A well-formed record (a ClientHello stands in for a ServerHello's framing) with bytes flipped.
                data = (byte[])hello.Clone();
                data[5] = 2;
                for (var k = 0; k < 4; k++) data[random.Next(5, data.Length)] = (byte)random.Next(256);
                data = data[..random.Next(5, data.Length + 1)];
            }
            _ = ServerHelloReader.TryRead(data, wantCertificates: i % 3 == 0);
        }
    }

    private static bool ContainsExtension(byte[] hello, int type)
    {
        // record(5) + handshake header(4) + version(2) + random(32) + session id + suites + compression
        var p = 5 + 4 + 2 + 32;
        p += 1 + hello[p];
        p += 2 + ((hello[p] << 8) | hello[p + 1]);
        p += 1 + hello[p];
        var end = p + 2 + ((hello[p] << 8) | hello[p + 1]);
        p += 2;
        while (p + 4 <= end)
        {
            if (((hello[p] << 8) | hello[p + 1]) == type) return true;
            p += 4 + ((hello[p + 2] << 8) | hello[p + 3]);
        }
        return false;
    }
}

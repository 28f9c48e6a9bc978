using System.Text;
using ConnDiag.Http.Proxy;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>The CONNECT response head: caps, interim answers, sloppy line ends, and never reading into the tunnel.</summary>
public class ConnectResponseReaderTests
{
    /// <summary>A stream that returns its bytes a few at a time, as a slow proxy would send them.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }

    private static Task<HeadReadResult> Read(string text, int chunk = 1, int max = 1024) =>
        ConnectResponseReader.ReadAsync(new TrickleStream(Encoding.Latin1.GetBytes(text), chunk), max, CancellationToken.None);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task A_200_head_is_read_and_what_follows_is_left_for_the_tunnel(int chunk)
    {
        var r = await Read("HTTP/1.1 200 Connection established\r\nProxy-Agent: test\r\n\r\nTUNNEL-BYTES", chunk);
        Assert.Equal(HeadReadError.None, r.Error);
        Assert.Equal(200, r.Head!.StatusCode);
        Assert.Equal("Connection established", r.Head.ReasonPhrase);
        Assert.Equal("1.1", r.Head.Version);
        Assert.Equal("test", r.Head.Get("proxy-agent"));
        // With one-byte reads nothing past the blank line is consumed; with big reads it comes back as leftover.
        var leftover = Encoding.Latin1.GetString(r.Leftover.Span);
        Assert.True(chunk == 1 ? leftover.Length == 0 : "TUNNEL-BYTES".StartsWith(leftover, StringComparison.Ordinal), leftover);
    }

    [Fact]
    public async Task Interim_answers_are_skipped()
    {
        var r = await Read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n\r\n", chunk: 4096);
        Assert.Equal(407, r.Head!.StatusCode);
        Assert.Equal("Basic realm=\"x\"", r.Head.Get("Proxy-Authenticate"));
    }

    [Fact]
    public async Task Bare_line_feeds_and_folded_headers_are_understood()
    {
        var r = await Read("HTTP/1.0 403 Forbidden\nX-Squid-Error: ERR_ACCESS_DENIED\n  0\nServer: squid\n\n");
        Assert.Equal(403, r.Head!.StatusCode);
        Assert.Equal("ERR_ACCESS_DENIED 0", r.Head.Get("X-Squid-Error"));
        Assert.Equal("squid", r.Head.Get("server"));
        Assert.Equal("HTTP/1.0 403 Forbidden", r.Head.StatusLine);
    }

    [Fact]
    public async Task A_status_line_without_a_reason_is_fine()
    {
        var r = await Read("HTTP/1.1 502\r\n\r\n");
        Assert.Equal(502, r.Head!.StatusCode);
        Assert.Equal("", r.Head.ReasonPhrase);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n")]
    [InlineData("\x15\x03\x03\x00\x02\x02\x46")]
    [InlineData("HTTP/1.1 2000 Nope\r\n\r\n")]
    [InlineData("HTTX/1.1 200 OK\r\n\r\n")]
    public async Task Something_that_is_not_HTTP_is_said_to_be_so_with_its_first_bytes(string text)
    {
        var r = await Read(text, chunk: 4096);
        Assert.Equal(HeadReadError.NotHttp, r.Error);
        Assert.Null(r.Head);
        Assert.Equal(text[0], (char)r.FirstBytes.Span[0]);
    }

    [Fact]
    public async Task An_endless_head_stops_at_the_cap()
    {
        var r = await Read("HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Repeat("X-Pad: aaaaaaaaaaaaaaaa\r\n", 200)), chunk: 512, max: 1024);
        Assert.Equal(HeadReadError.TooLarge, r.Error);
        Assert.Equal(1024, r.BytesRead);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 200 Connection est")]
    public async Task A_closed_connection_before_the_blank_line_is_reported(string text)
    {
        var r = await Read(text, chunk: 4096);
        Assert.Equal(HeadReadError.Closed, r.Error);
        Assert.Equal(text.Length, r.BytesRead);
    }
}

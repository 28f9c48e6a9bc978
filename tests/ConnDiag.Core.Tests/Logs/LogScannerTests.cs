using System.IO.Compression;
using System.Text;
using ConnDiag.Findings;
using ConnDiag.Logs;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Logs;

public sealed class LogScannerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-logs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<List<LogFinding>> ToListAsync(IAsyncEnumerable<LogFinding> findings)
    {
        var list = new List<LogFinding>();
        await foreach (var f in findings) list.Add(f);
        return list;
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private const string Refused = "2026/11/22 06:32:30 [error] 25853#25853: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1";
    private const string Closed = "2026/11/22 06:32:31 [error] 25853#25853: *3 upstream prematurely closed connection while reading response header from upstream";

    [Fact]
    public async Task Wildcards_read_rotated_gz_and_plain_files_oldest_first()
    {
        var gz = Path.Combine(_dir, "app.log.2.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes("Error: connect ECONNREFUSED 127.0.0.1:5432\nok line\n"));
        }
        var one = Write("app.log.1", "Error: read ECONNRESET");
        var current = Write("app.log", "Error: listen EADDRINUSE: address already in use :::3000");
        Write("other.txt", "Error: getaddrinfo ENOTFOUND db");
        File.SetLastWriteTimeUtc(gz, DateTime.UtcNow.AddDays(-2));
        File.SetLastWriteTimeUtc(one, DateTime.UtcNow.AddDays(-1));

        var files = LogPaths.Expand([Path.Combine(_dir, "app.log*")]);
        Assert.Equal([gz, one, current], files);

        var found = await ToListAsync(LogScanner.ScanFilesAsync(files));
        Assert.Equal([FindingCodes.TcpRefused, FindingCodes.TcpReset, FindingCodes.LocalPortInUse], found.Select(f => f.Code));
        Assert.Equal(gz, found[0].Source);
        Assert.Equal(1, found[0].LineNumber);
        Assert.Equal(Layer.Tcp, found[0].Layer);
        Assert.Equal(FindingCatalog.Get(FindingCodes.TcpRefused).Remedy, found[0].Remedy);
    }

    [Fact]
    public void Bad_paths_are_clear_errors()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => LogPaths.Expand([Path.Combine(_dir, "nope.log")]));
        Assert.Contains("nope.log", missing.Message);
        var none = Assert.Throws<FileNotFoundException>(() => LogPaths.Expand([Path.Combine(_dir, "*.nothing")]));
        Assert.Contains("No log file matches", none.Message);
        var dirWildcard = Assert.Throws<ArgumentException>(() => LogPaths.Expand([Path.Combine(_dir, "*", "x.log")]));
        Assert.Contains("file name only", dirWildcard.Message);
        var directory = Assert.Throws<ArgumentException>(() => LogPaths.Expand([_dir]));
        Assert.Contains("is a directory", directory.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogSourceScanner("x", new LogScanOptions(Tail: -1)));
    }

    [Fact]
    public async Task Since_drops_older_lines_and_untimed_lines_follow_the_line_before()
    {
        var path = Write("error.log",
            "2026/11/22 05:00:00 [error] 1#1: *1 connect() failed (111: Connection refused) while connecting to upstream",
            "    Error: read ECONNRESET (continuation of the 05:00 entry)",
            Closed,
            "    Error: connect ECONNREFUSED 127.0.0.1:1 (continuation of the 06:32 entry)");
        var since = new DateTimeOffset(new DateTime(2026, 11, 22, 6, 0, 0, DateTimeKind.Local));
        var found = await ToListAsync(LogScanner.ScanFileAsync(path, new LogScanOptions(Since: since)));
        Assert.Equal([3L, 4L], found.Select(f => f.LineNumber));
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 22, 6, 32, 31, DateTimeKind.Local)), found[0].Timestamp);
        Assert.Null(found[1].Timestamp); // its own line has no time; it only inherited one for the Since filter
    }

    [Fact]
    public async Task Tail_keeps_the_last_lines_only()
    {
        var lines = Enumerable.Range(1, 10).Select(i => $"Error: connect ECONNREFUSED 127.0.0.1:{i}").ToArray();
        lines[8] = "ordinary line";
        var path = Write("tail.log", lines);
        var found = await ToListAsync(LogScanner.ScanFileAsync(path, new LogScanOptions(Tail: 3)));
        Assert.Equal([8L, 10L], found.Select(f => f.LineNumber));
        Assert.Empty(await ToListAsync(LogScanner.ScanFileAsync(path, new LogScanOptions(Tail: 0))));
    }

    [Fact]
    public async Task A_huge_file_streams_and_a_line_over_the_cap_is_cut()
    {
        var path = Path.Combine(_dir, "huge.log");
        const int lines = 200_000;
        using (var w = new StreamWriter(path))
        {
            for (var i = 1; i <= lines; i++)
            {
                w.Write(i % 1000 == 0 ? $"2026-11-22T06:00:00Z worker {i}: Error: connect ECONNREFUSED 127.0.0.1:5432\n" : $"2026-11-22T06:00:00Z worker {i}: request ok\n");
            }
            // One 1 MiB line: its finding text is capped, and a match beyond the cap is not seen.
            w.Write("Error: read ECONNRESET " + new string('x', 1 << 20) + "\n");
            w.Write(new string('y', 1 << 20) + " ECONNREFUSED\n");
            w.Write("Error: read ECONNRESET after the long lines\n");
        }
        var count = 0;
        LogFinding? longLine = null, last = null;
        await foreach (var f in LogScanner.ScanFileAsync(path))
        {
            count++;
            if (f.LineNumber == lines + 1) longLine = f;
            last = f;
        }
        Assert.Equal(lines / 1000 + 2, count);
        Assert.NotNull(longLine);
        Assert.Equal(LogScanOptions.DefaultMaxLineChars, longLine!.Text.Length);
        Assert.Equal(lines + 3L, last!.LineNumber);
    }

    /// <summary>An endless log: every 1000th line is a refusal. Reading past the limit fails the test.</summary>
    private sealed class EndlessLog(long limitLines) : TextReader
    {
        private long _line;
        private string _current = "";
        private int _pos;

        public long LinesServed => _line;

        public override int Read(char[] buffer, int index, int count)
        {
            if (_pos == _current.Length)
            {
                if (++_line > limitLines) throw new InvalidOperationException("the scanner read ahead instead of streaming");
                _current = _line % 1000 == 0 ? $"Error: connect ECONNREFUSED 127.0.0.1:{_line % 60000}\n" : $"line {_line} ok\n";
                _pos = 0;
            }
            var n = Math.Min(count, _current.Length - _pos);
            _current.CopyTo(_pos, buffer, index, n);
            _pos += n;
            return n;
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            var tmp = new char[buffer.Length];
            var n = Read(tmp, 0, tmp.Length);
            tmp.AsSpan(0, n).CopyTo(buffer.Span);
            return ValueTask.FromResult(n);
        }
    }

    [Fact]
    public async Task Findings_stream_out_while_the_input_is_still_being_read()
    {
        // An input with no end: a scanner that collected lines (or findings) before yielding would hit the limit.
        using var endless = new EndlessLog(limitLines: 10_000_000);
        var seen = new List<long>();
        await foreach (var f in LogScanner.ScanReaderAsync(endless, "endless"))
        {
            seen.Add(f.LineNumber);
            if (seen.Count == 200) break;
        }
        Assert.Equal(Enumerable.Range(1, 200).Select(i => i * 1000L), seen);
        Assert.True(endless.LinesServed < 201_000 + 1000, $"read {endless.LinesServed} lines to produce 200 findings");
    }

    [Fact]
    public async Task Secrets_in_a_line_are_masked()
    {
        const string canary = "sk-ant-api03-CANARYcanary0123456789abcdefXYZ9";
        const string query = "QUERYSECRET0123456789";
        var path = Write("secret.log",
            $"127.0.0.1 - - [22/Nov/2026:06:32:30 +0000] \"GET /v1/models?api_key={query} HTTP/1.1\" 401 157 \"-\" \"curl/7.88.1\"",
            $"API Error: 401 authentication_error for key {canary} (Authorization: Bearer {canary})");
        var found = await ToListAsync(LogScanner.ScanFileAsync(path));
        Assert.Equal(2, found.Count);
        Assert.All(found, f => Assert.DoesNotContain("CANARY", f.Text));
        Assert.DoesNotContain(query, found[0].Text);
        Assert.Contains("api_key=", found[0].Text);
        Assert.Contains("authentication_error", found[1].Text);
    }

    [Fact]
    public async Task Journald_json_lines_give_unit_pid_time_and_message()
    {
        // The shape `journalctl -o json` writes (one object per line, values as strings; MESSAGE as a byte array
        // when it is not valid UTF-8). Written by hand: journald does not run on this machine.
        var path = Write("journal.json",
            """{"__CURSOR":"s=1;i=2","__REALTIME_TIMESTAMP":"1795329150000000","_SYSTEMD_UNIT":"api.service","_PID":"4242","PRIORITY":"3","MESSAGE":"Error: connect ECONNREFUSED 127.0.0.1:5432"}""",
            """{"__REALTIME_TIMESTAMP":"1795329160000000","SYSLOG_IDENTIFIER":"kernel","MESSAGE":"Out of memory: Killed process 4242 (node) total-vm:1kB"}""",
            """{"__REALTIME_TIMESTAMP":"1795329170000000","_SYSTEMD_UNIT":"api.service","_PID":"4243","MESSAGE":[69,114,114,111,114,58,32,114,101,97,100,32,69,67,79,78,78,82,69,83,69,84,255]}""",
            """{"__REALTIME_TIMESTAMP":"1795329180000000","_SYSTEMD_UNIT":"api.service","MESSAGE":"listening on :8080"}""");
        var found = await ToListAsync(LogScanner.ScanFileAsync(path));
        Assert.Equal([FindingCodes.TcpRefused, FindingCodes.LocalOutOfMemory, FindingCodes.TcpReset], found.Select(f => f.Code));
        Assert.Equal("api.service[4242]: Error: connect ECONNREFUSED 127.0.0.1:5432", found[0].Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795329150), found[0].Timestamp);
        Assert.StartsWith("kernel: Out of memory", found[1].Text);
        Assert.StartsWith("api.service[4243]: Error: read ECONNRESET", found[2].Text);

        var since = await ToListAsync(LogScanner.ScanFileAsync(path, new LogScanOptions(Since: DateTimeOffset.FromUnixTimeSeconds(1795329165))));
        Assert.Equal([3L], since.Select(f => f.LineNumber));
    }

    [Fact]
    public void Line_times_are_read_in_the_common_shapes()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 6, 32, 30, TimeSpan.Zero), LogTimestamp.Parse("127.0.0.1 - - [22/Nov/2026:06:32:30 +0000] \"GET / HTTP/1.1\" 502 1", now));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 6, 32, 30, 500, TimeSpan.FromHours(1)), LogTimestamp.Parse("2026-11-22T06:32:30.500+01:00 ERROR x", now));
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 22, 6, 32, 30, DateTimeKind.Local)), LogTimestamp.Parse("2026/11/22 06:32:30 [error] 1#1: x", now));
        // Syslog has no year: a December line read in November is last year's.
        Assert.Equal(new DateTimeOffset(new DateTime(2025, 12, 24, 8, 0, 0, DateTimeKind.Local)), LogTimestamp.Parse("Dec 24 08:00:00 host app[1]: x", now));
        Assert.Null(LogTimestamp.Parse("no time here", now));
    }

    [Fact]
    public async Task Pipeline_strings_and_readers_scan_like_files()
    {
        var scanner = new LogSourceScanner("pipeline");
        var first = scanner.Add("ok\nError: connect ECONNREFUSED 127.0.0.1:1\r\nok");
        var second = scanner.Add("Error: read ECONNRESET");
        Assert.Equal([2L], first.Select(f => f.LineNumber));
        Assert.Equal([4L], second.Select(f => f.LineNumber));
        Assert.Equal("pipeline", second[0].Source);
        Assert.Empty(scanner.Complete());

        using var reader = new StringReader("a\rError: read ECONNRESET\r\nb\n");
        var found = await ToListAsync(LogScanner.ScanReaderAsync(reader, "-"));
        Assert.Equal([2L], found.Select(f => f.LineNumber));
    }

    [Fact]
    public async Task Summary_counts_codes_with_first_and_last_time()
    {
        var path = Write("summary.log", Refused, Closed, "2026/11/22 06:40:00 [error] 1#1: *9 connect() failed (111: Connection refused) while connecting to upstream", "Error: read ECONNRESET");
        var builder = new LogSummary.Builder();
        await foreach (var f in LogScanner.ScanFileAsync(path)) builder.Add(f);
        var summary = builder.Build();
        Assert.Equal(4, summary.FindingCount);
        var refused = summary.Codes.Single(c => c.Code == FindingCodes.TcpRefused);
        Assert.Equal(2, refused.Count);
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 22, 6, 32, 30, DateTimeKind.Local)), refused.FirstSeen);
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 22, 6, 40, 0, DateTimeKind.Local)), refused.LastSeen);
        Assert.Equal(1, refused.FirstLineNumber);
        Assert.Equal(FindingCodes.TcpRefused, summary.Codes[0].Code); // most frequent Error first
        Assert.Null(summary.Codes.Single(c => c.Code == FindingCodes.TcpReset).FirstSeen);
    }
}

using System.Collections.Concurrent;
using ConnDiag.Core.Tests.Http.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Http;

/// <summary>Kestrel routes for bodies, headers and timing: endless, cut off, huge headers, slow, echoing.</summary>
public sealed class BodyServer : IAsyncLifetime
{
    /// <summary>Most an endless body ever writes, so a probe that failed to stop still ends.</summary>
    public const long EndlessLimit = 256L * 1024 * 1024;

    internal TestWebServer Server { get; private set; } = null!;

    /// <summary>Bytes the endless route managed to write before the client went away, per request.</summary>
    public ConcurrentQueue<long> EndlessWritten { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/text", () => "hello world");
            app.MapGet("/endless", async (HttpContext c) =>
            {
                var chunk = new byte[16 * 1024];
                Array.Fill(chunk, (byte)'a');
                c.Response.ContentType = "text/plain";
                long sent = 0;
                try
                {
                    while (sent < EndlessLimit && !c.RequestAborted.IsCancellationRequested)
                    {
                        await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                        sent += chunk.Length;
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException)
                {
                    // The probe stopped reading and closed: exactly what is being tested.
                }
                EndlessWritten.Enqueue(sent);
            });
            app.MapGet("/reset-mid-body", async (HttpContext c) =>
            {
                c.Response.ContentType = "text/plain";
                c.Response.ContentLength = 100_000;
                await c.Response.Body.WriteAsync(new byte[1000].Select(_ => (byte)'x').ToArray());
                await c.Response.Body.FlushAsync();
                await Task.Delay(50);
                c.Abort();
            });
            app.MapGet("/reset-chunked", async (HttpContext c) =>
            {
                c.Response.ContentType = "text/plain";
                await c.Response.WriteAsync(new string('y', 500));
                await c.Response.Body.FlushAsync();
                await Task.Delay(50);
                c.Abort();
            });
            app.MapGet("/huge-headers", (HttpContext c) =>
            {
                for (var i = 0; i < 40; i++) c.Response.Headers.Append($"X-Filler-{i}", new string('h', 2000));
                return c.Response.WriteAsync("small body");
            });
            app.MapGet("/slow", async (HttpContext c) =>
            {
                var ms = int.Parse(c.Request.Query["ms"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
                await Task.Delay(ms, c.RequestAborted);
                await c.Response.WriteAsync("late");
            });
            app.MapGet("/echo", (HttpContext c) =>
            {
                var auth = c.Request.Headers.Authorization.ToString();
                c.Response.Headers.Append("X-Echo", auth);
                c.Response.Headers.Append("Set-Cookie", "session=s3cr3t-session-value-0042; Path=/; HttpOnly");
                return c.Response.WriteAsync($"you sent: {auth}; key {c.Request.Headers["x-api-key"]}");
            });
            app.MapGet("/binary", (HttpContext c) =>
            {
                c.Response.ContentType = "application/octet-stream";
                return c.Response.Body.WriteAsync(new byte[] { 0, 1, 2, 3, 0xff }).AsTask();
            });
            app.MapGet("/backtrack", () => new string('a', 40) + "!");
        });
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

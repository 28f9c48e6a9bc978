using System.Net;
using System.Net.Sockets;
using ConnDiag.Dns.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>
/// A DNS over HTTPS endpoint (RFC 8484) in Kestrel on 127.0.0.1, HTTPS with a test certificate: POST with
/// an application/dns-message body or GET with ?dns=base64url, each forwarded over UDP to dnsmasq and the
/// answer returned as application/dns-message. With <c>rejectPost</c> it answers POST with 405, as
/// GET-only servers do, so the client's GET fallback can be seen.
/// </summary>
public sealed class DohServer : IAsyncDisposable
{
    public const string Path = "/dns-query";
    private readonly WebApplication _app;
    private int _posts;
    private int _gets;

    private DohServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public DnsServer Server => DnsServer.Parse($"https://127.0.0.1:{Port}{Path}");

    public int Posts => Volatile.Read(ref _posts);

    public int Gets => Volatile.Read(ref _gets);

    public static async Task<DohServer> StartAsync(IPEndPoint upstream, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, bool rejectPost)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
            k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        DohServer? server = null;

        app.MapPost(Path, async (HttpContext context) =>
        {
            Interlocked.Increment(ref server!._posts);
            if (rejectPost)
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }
            if (context.Request.ContentType != "application/dns-message")
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            await ForwardAsync(context, upstream, body.ToArray());
        });
        app.MapGet(Path, async (HttpContext context) =>
        {
            Interlocked.Increment(ref server!._gets);
            var dns = context.Request.Query["dns"].ToString();
            if (dns.Length == 0 || dns.Contains('='))
            {
                // RFC 8484 §4.1: base64url without padding.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            var padded = dns.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            await ForwardAsync(context, upstream, Convert.FromBase64String(padded));
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new DohServer(app, new Uri(address).Port);
        return server;
    }

    private static async Task ForwardAsync(HttpContext context, IPEndPoint upstream, byte[] query)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(upstream);
        await socket.SendAsync(query, SocketFlags.None, context.RequestAborted);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var reply = new byte[65536];
        int n;
        try
        {
            n = await socket.ReceiveAsync(reply, SocketFlags.None, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            return;
        }
        context.Response.ContentType = "application/dns-message";
        context.Response.ContentLength = n;
        await context.Response.Body.WriteAsync(reply.AsMemory(0, n), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

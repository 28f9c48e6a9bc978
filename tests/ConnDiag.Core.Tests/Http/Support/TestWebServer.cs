using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnDiag.Core.Tests.Http.Support;

/// <summary>A request as the server received it: what the off-host and secret tests check.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public bool Has(string name) => Headers.Any(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A real Kestrel app on 127.0.0.1 with a kernel-chosen port, plain or TLS, that records every request it
/// received. Routes are mapped by the test. Stopped (bounded) on dispose.
/// </summary>
internal sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestWebServer(WebApplication app, int port, bool tls)
    {
        _app = app;
        Port = port;
        Scheme = tls ? "https" : "http";
    }

    public int Port { get; }
    public string Scheme { get; }
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>A URL on this server, by its IP address.</summary>
    public Uri Url(string pathAndQuery = "/") => new($"{Scheme}://127.0.0.1:{Port}{pathAndQuery}");

    /// <summary>A URL on this server under another host name (pin it with ConnectTo = <see cref="EndPoint"/>).</summary>
    public Uri Url(string host, string pathAndQuery) => new($"{Scheme}://{host}:{Port}{pathAndQuery}");

    public static async Task<TestWebServer> StartAsync(Action<WebApplication> map, X509Certificate2? certificate = null, Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions>? listen = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0, l =>
            {
                if (certificate is not null) l.UseHttps(certificate);
                listen?.Invoke(l);
            });
        });
        var app = builder.Build();
        TestWebServer? server = null;
        app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToList();
            server!.Received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers));
            await next(context);
        });
        map(app);
        using (var start = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await app.StartAsync(start.Token);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new TestWebServer(app, new Uri(address).Port, certificate is not null);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections that outlive the grace period are aborted by DisposeAsync.
            }
        }
        await _app.DisposeAsync();
    }
}

using System.Net;
using ConnDiag.Core.Tests.Ports;

namespace ConnDiag.Core.Tests.Services.Support;

/// <summary>
/// A real listener (python3 -m http.server on loopback) running inside a cgroup named like a systemd service,
/// so /proc/PID/cgroup names the unit as it would under systemd. Needs root. Stops the process, then removes the cgroup.
/// </summary>
internal sealed class ServiceListener : IAsyncDisposable
{
    private ServiceListener(PythonHttpServer server, ServiceCgroup cgroup)
    {
        Server = server;
        Cgroup = cgroup;
    }

    public PythonHttpServer Server { get; }
    public ServiceCgroup Cgroup { get; }
    public string UnitName => Cgroup.UnitName;
    public int Port => Server.Port;
    public int Pid => Server.Pid;

    /// <summary>Starts the listener in <c>PREFIX-PID.service</c> (the test process id keeps parallel runs apart).</summary>
    public static async Task<ServiceListener> StartAsync(string prefix)
    {
        var server = await PythonHttpServer.StartAsync(IPAddress.Loopback);
        try
        {
            var cgroup = new ServiceCgroup($"{prefix}-{Environment.ProcessId}.service");
            cgroup.Add(server.Pid);
            return new ServiceListener(server, cgroup);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Cgroup.Dispose();
    }
}

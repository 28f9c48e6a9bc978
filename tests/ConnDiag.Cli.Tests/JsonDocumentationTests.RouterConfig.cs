using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ConnDiag.Claude.Router;
using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

/// <summary>docs/json.md's `conndiag router-config --json` tables against the real output.</summary>
public partial class JsonDocumentationTests
{
    [Fact]
    public async Task Router_config_properties_match_the_real_output()
    {
        var dir = Path.Combine(Path.GetTempPath(), "conndiag-json-ccr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            int port;
            using (var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)s.LocalEndPoint!).Port;
            }
            var path = Path.Combine(dir, "config.json");
            File.WriteAllText(path, RouterConfigCommandTests.Config(port, router: "\"default\": \"deepseek,deepseek-chat\", \"think\": \"deepseek,deepseek-r1\""));

            var run = await Conndiag.RunAsync(["router-config", path, "--json"], stdin: null);
            Assert.True(run.ExitCode == 1, run.ToString());
            using var doc = JsonDocument.Parse(run.Stdout);
            var root = doc.RootElement;

            AssertSameNames("Router config report", Names(root));
            AssertSameNames("Router provider", root.GetProperty("providers").EnumerateArray().SelectMany(Names));
            AssertSameNames("Router route", root.GetProperty("routes").EnumerateArray().SelectMany(Names));
            AssertSameNames("Finding", root.GetProperty("findings").EnumerateArray().SelectMany(Names));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Router_probe_properties_match_the_real_output()
    {
        await using var router = await ConnDiag.Core.Tests.Claude.Router.Support.FakeRouters.StartV2Async("another-key");
        var dir = Path.Combine(Path.GetTempPath(), "conndiag-json-ccr-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "config.json");
            File.WriteAllText(path, RouterConfigProbeCommandTests.Config(router.Port));

            var run = await Conndiag.RunAsync(["router-config", path, "--probe", "--skip-provider-check", "--json"], stdin: null);
            Assert.True(run.ExitCode == 1, run.ToString());
            using var doc = JsonDocument.Parse(run.Stdout);
            var probe = doc.RootElement.GetProperty("probe");

            AssertSameNames("Router probe", Names(probe));
            AssertSameNames("Finding", probe.GetProperty("findings").EnumerateArray().SelectMany(Names));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Router_provider_check_properties_match_the_real_output()
    {
        await using var router = await ConnDiag.Core.Tests.Claude.Router.Support.FakeRouters.StartV2Async("another-key");
        var dir = Path.Combine(Path.GetTempPath(), "conndiag-json-ccr-providers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            int closed;
            using (var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                closed = ((IPEndPoint)s.LocalEndPoint!).Port;
            }
            var path = Path.Combine(dir, "config.json");
            File.WriteAllText(path, $$"""
                { "PORT": {{router.Port}}, "HOST": "127.0.0.1",
                  "Providers": [ { "name": "local", "api_base_url": "https://127.0.0.1:{{closed}}/v1", "api_key": "", "models": ["m1"] } ],
                  "Router": { "default": "local,m1" } }
                """);

            var run = await Conndiag.RunAsync(["router-config", path, "--probe", "--json"], stdin: null);
            Assert.True(run.ExitCode == 1, run.ToString());
            using var doc = JsonDocument.Parse(run.Stdout);
            var checks = doc.RootElement.GetProperty("providerChecks").EnumerateArray().ToList();

            AssertSameNames("Router provider check", checks.SelectMany(Names));
            AssertSameNames("Finding", checks.SelectMany(c => c.GetProperty("findings").EnumerateArray()).SelectMany(Names));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Router_config_enum_values_are_the_engine_enum_names()
    {
        Documented_enum_values_are_the_engine_enum_names("Router config report", typeof(RouterConfigReport));
        Documented_enum_values_are_the_engine_enum_names("Router provider", typeof(RouterProvider));
        Documented_enum_values_are_the_engine_enum_names("Router probe", typeof(RouterProbeResult));
        Documented_enum_values_are_the_engine_enum_names("Router provider check", typeof(RouterProviderCheck));
    }
}

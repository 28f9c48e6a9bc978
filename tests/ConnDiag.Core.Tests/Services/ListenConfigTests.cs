using ConnDiag.Services.Checks;
using ConnDiag.Services.Exec;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Core.Tests.Services;

/// <summary>The host and port a unit configures, read from ExecStart= flags and the environment.</summary>
public class ListenConfigTests
{
    private static ListenConfig? Read(string execStart, params (string Name, string Value)[] env)
    {
        var variables = env.ToDictionary(e => e.Name, e => new EnvironmentVariable(e.Name, e.Value, "/etc/default/app:1"));
        var environment = UnitEnvironment.Of(variables.Values);
        var command = ExecLineParser.Parse(new UnitSetting("Service", "ExecStart", execStart, "/u.service", 7), "app.service", variables, out var error);
        Assert.True(command is not null, error);
        return ListenConfigReader.Read(command, environment);
    }

    [Theory]
    [InlineData("/usr/bin/ccr start --port 3456 --host 127.0.0.1", "127.0.0.1", 3456)]
    [InlineData("/usr/bin/app --port=8080", null, 8080)]
    [InlineData("/usr/bin/app -p 9000", null, 9000)]
    [InlineData("/usr/bin/gunicorn --bind 0.0.0.0:8000 app:app", "0.0.0.0", 8000)]
    [InlineData("/usr/bin/gunicorn -b [::]:8001 app:app", "::", 8001)]
    [InlineData("/usr/bin/app --listen :7000", null, 7000)]
    [InlineData("/usr/bin/dotnet Api.dll --urls http://0.0.0.0:5000;https://0.0.0.0:5001", "0.0.0.0", 5000)]
    [InlineData("/usr/bin/dotnet Api.dll --urls=http://*:5002", "*", 5002)]
    [InlineData("/usr/bin/python3 -m http.server --bind 127.0.0.1 8081", "127.0.0.1", 8081)]
    [InlineData("/usr/bin/python3 -m http.server 8082", "0.0.0.0", 8082)]
    [InlineData("/usr/bin/app --bind unix:/run/app.sock", null, null)]
    [InlineData("/usr/bin/app --verbose", null, null)]
    public void Flags_in_ExecStart(string execStart, string? host, int? port)
    {
        var c = Read(execStart);
        Assert.Equal((host, port), (c?.Host, c?.Port));
    }

    [Fact]
    public void Environment_fills_what_the_command_line_does_not_say_and_flags_win()
    {
        var fromEnv = Read("/usr/bin/node server.js", ("PORT", "3456"), ("HOST", "0.0.0.0"))!;
        Assert.Equal(("0.0.0.0", 3456, "PORT=3456 at /etc/default/app:1"), (fromEnv.Host, fromEnv.Port, fromEnv.PortSource));
        Assert.True(fromEnv.AllInterfaces);

        var flagWins = Read("/usr/bin/node server.js --port 4000", ("PORT", "3456"))!;
        Assert.Equal((4000, "--port 4000 in ExecStart at /u.service:7"), (flagWins.Port, flagWins.PortSource));

        var aspnet = Read("/usr/bin/dotnet Api.dll", ("ASPNETCORE_URLS", "http://localhost:5005"))!;
        Assert.Equal(("localhost", 5005), (aspnet.Host, aspnet.Port));
        Assert.True(aspnet.LoopbackOnly);

        var expanded = Read("/usr/bin/app --port ${PORT}", ("PORT", "6000"))!;
        Assert.Equal(6000, expanded.Port);
    }
}

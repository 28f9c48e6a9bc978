using ConnDiag.Services.Lookup;

namespace ConnDiag.Core.Tests.Services;

public class CgroupUnitTests
{
    [Theory]
    // cgroup v2 (unified), as on Debian 12 / Ubuntu 22.04+
    [InlineData("0::/system.slice/claude-code-router.service\n", "claude-code-router.service")]
    // hybrid: v1 controllers, the name=systemd hierarchy and the unified line
    [InlineData("12:memory:/system.slice/ccr.service\n1:name=systemd:/system.slice/ccr.service\n0::/system.slice/ccr.service\n", "ccr.service")]
    // v1 only: the name=systemd hierarchy tracks services
    [InlineData("4:memory:/system.slice/nginx.service\n1:name=systemd:/system.slice/nginx.service\n", "nginx.service")]
    // a user session and a user service
    [InlineData("0::/user.slice/user-1000.slice/user@1000.service/app.slice/web@2.service\n", "web@2.service")]
    [InlineData("0::/user.slice/user-1000.slice/session-3.scope\n", null)]
    // this machine: no systemd, a container manager's cgroups
    [InlineData("9:name=systemd:/\n4:memory:/process_api/faed44ea\n0::/\n", null)]
    [InlineData("", null)]
    public void The_deepest_service_component_names_the_unit(string text, string? unit) => Assert.Equal(unit, CgroupUnit.ServiceOf(text));
}

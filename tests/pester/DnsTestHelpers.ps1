# DNS fixtures for the Pester tests: dnsmasq as a child process on a free loopback port, stopped by its Id.
# Dot-source it inside BeforeAll, after TestHelpers.ps1.

function Test-DnsmasqAvailable {
    $IsLinux -and [bool](Get-Command dnsmasq -CommandType Application -ErrorAction SilentlyContinue)
}

# A loopback port free for both UDP and TCP right now.
function Get-FreeDnsPort {
    for ($i = 0; $i -lt 50; $i++) {
        $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        $port = $udp.Client.LocalEndPoint.Port
        $tcp = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port)
        try {
            $tcp.Start()
            $tcp.Stop()
            return $port
        } catch [System.Net.Sockets.SocketException] {
            continue
        } finally {
            $udp.Dispose()
        }
    }
    throw 'No loopback port free for both UDP and TCP.'
}

# dnsmasq serving a small test zone: A/AAAA, a CNAME chain, multi-string TXT, NXDOMAIN under nx.test,
# REFUSED for anything else (no upstream).
function Start-TestDnsmasq {
    $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("conndiag-pester-dns-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $dir
    $port = Get-FreeDnsPort
    $conf = Join-Path $dir 'dnsmasq.conf'
    @(
        "port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-resolv', 'no-hosts', 'no-poll', 'pid-file=', 'log-facility=-'
        'host-record=host.claude.test,127.0.0.2,::2'
        'cname=alias.claude.test,host.claude.test'
        'txt-record=host.claude.test,"v=spf1 -all","second string"'
        'address=/nx.test/'
    ) | Set-Content -LiteralPath $conf
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dnsmasq')
    foreach ($arg in '--no-daemon', "--conf-file=$conf") { $psi.ArgumentList.Add($arg) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($psi)
    $ready = $false
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while (-not $ready -and [DateTime]::UtcNow -lt $deadline -and -not $process.HasExited) {
        $line = $process.StandardError.ReadLineAsync()
        if ($line.Wait([TimeSpan]::FromSeconds(1)) -and $line.Result -match 'started, version') { $ready = $true }
    }
    if (-not $ready) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "dnsmasq did not start on port $port"
    }
    [pscustomobject]@{ Process = $process; Port = $port; Server = "127.0.0.1:$port"; Directory = $dir }
}

function Stop-TestDnsmasq {
    param($Dns)
    if (-not $Dns) { return }
    if (-not $Dns.Process.HasExited) {
        Stop-Process -Id $Dns.Process.Id -Force
        $null = $Dns.Process.WaitForExit(10000)
    }
    $Dns.Process.Dispose()
    Remove-Item -LiteralPath $Dns.Directory -Recurse -Force -ErrorAction SilentlyContinue
}

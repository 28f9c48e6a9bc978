# Shared by the *.Tests.ps1 files: where the staged module is, and real loopback listeners to test against.
# Dot-source it inside BeforeAll (Pester 5 runs nothing outside its blocks).

function Get-ConnDiagRepoRoot {
    (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
}

function Get-ConnDiagVersion {
    $props = [xml](Get-Content -Raw -LiteralPath (Join-Path (Get-ConnDiagRepoRoot) 'Directory.Build.props'))
    $version = @($props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ })
    if ($version.Count -ne 1) { throw 'Directory.Build.props must set <Version> exactly once.' }
    $version[0].Trim()
}

# The manifest of the module build.ps1 / build.sh staged: out/ConnDiag/<version>/ConnDiag.psd1,
# or the path in CONNDIAG_MODULE_PATH when build.ps1 passes one.
function Get-StagedManifest {
    $path = $env:CONNDIAG_MODULE_PATH
    if (-not $path) {
        $path = Join-Path (Get-ConnDiagRepoRoot) "out/ConnDiag/$(Get-ConnDiagVersion)/ConnDiag.psd1"
    }
    if (-not (Test-Path -LiteralPath $path)) {
        throw "The staged module is missing at $path; run ./build.ps1 Build (or ./build.sh stage) first."
    }
    $path
}

# A TCP listener in this process on loopback, port chosen by the OS. Stop it with .Stop().
function New-LoopbackListener {
    param([string] $Address = '127.0.0.1')
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Parse($Address), 0)
    $listener.Start()
    $listener
}

# A loopback port that nothing listens on: bind one, read its number, release it.
function Get-ClosedLoopbackPort {
    $listener = New-LoopbackListener
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# A child pwsh that listens on a loopback port and reports the port on stdout. It exits by itself
# after $LifetimeSeconds, so a crashed test run leaves nothing behind; AfterAll stops it by its Id.
function Start-ChildListener {
    param([int] $LifetimeSeconds = 120)
    $script = @"
`$l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
`$l.Start()
[Console]::Out.WriteLine(`$l.LocalEndpoint.Port)
[Console]::Out.Flush()
Start-Sleep -Seconds $LifetimeSeconds
`$l.Stop()
"@
    $psi = [System.Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
    foreach ($arg in '-NoProfile', '-NonInteractive', '-Command', $script) { $psi.ArgumentList.Add($arg) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($psi)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(30))) {
        $process.Kill()
        throw 'The child listener did not report its port within 30 s.'
    }
    [pscustomobject]@{ Process = $process; Port = [int]$line.Result }
}

function Stop-ChildListener {
    param($Child)
    if ($Child -and -not $Child.Process.HasExited) {
        $Child.Process.Kill()
        $null = $Child.Process.WaitForExit(10000)
    }
    if ($Child) { $Child.Process.Dispose() }
}

# A python3 HTTP server started from $Source (Python code that prints its port on the first stdout line and
# exits by itself after a while). Returns the process and the port; stop it with Stop-ChildListener.
function Start-PythonServer {
    param([string] $Source, [string[]] $Arguments = @())
    $psi = [System.Diagnostics.ProcessStartInfo]::new('python3')
    foreach ($a in @('-c', $Source) + $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($psi)
    $null = $process.StandardError.ReadToEndAsync()
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(30)) -or $null -eq $line.Result) {
        $process.Kill()
        throw 'The python3 server did not report its port within 30 s.'
    }
    [pscustomobject]@{ Process = $process; Port = [int]$line.Result }
}

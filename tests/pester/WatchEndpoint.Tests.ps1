#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Watch-Endpoint on the staged module, against a python3 HTTP server on a loopback port
# whose answers the test switches (GET /mode/fast, /mode/fail). The server exits by itself after a while and is
# stopped by its Id. -Proxy '' keeps every probe direct; no name is looked up in public DNS.
# Latency thresholds are far above what a loaded machine takes, so the states follow only the server's errors.

BeforeDiscovery {
    $script:hasPython = [bool](Get-Command python3 -ErrorAction SilentlyContinue)
}

Describe 'Watch-Endpoint' -Tag 'Loopback' -Skip:(-not $hasPython) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force
        $script:fqid = ',ConnDiag.Commands.WatchEndpointCommand'

        $server = @'
import http.server, os, sys, threading
state = {'mode': 'fast'}
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith('/mode/'):
            state['mode'] = self.path.split('/')[2]
            code, body = 204, b''
        elif state['mode'] == 'fail':
            code, body = 503, b'down'
        else:
            code, body = 200, b'ok'
        self.send_response(code)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.handle_error = lambda request, client_address: None
threading.Timer(300, lambda: os._exit(0)).start()
print(server.server_address[1], flush=True)
server.serve_forever()
'@
        $script:http = Start-PythonServer -Source $server
        $script:base = "http://127.0.0.1:$($http.Port)"
        $script:relaxed = @{ WarnMs = 60000; CriticalMs = 60000; Proxy = '' }

        function Set-ServerMode([string] $Mode) {
            $null = Invoke-WebRequest -Uri "$base/mode/$Mode" -NoProxy -TimeoutSec 10
        }
    }

    AfterAll {
        Stop-ChildListener $http
    }

    BeforeEach {
        Set-ServerMode 'fast'
    }

    It 'writes one EndpointSample per probe, numbered, with the window growing' {
        $samples = Watch-Endpoint "$base/health" -Count 3 -IntervalSeconds 0.2 @relaxed
        $samples | Should -HaveCount 3
        $samples | ForEach-Object { $_ | Should -BeOfType ([ConnDiag.Monitoring.EndpointSample]) }
        $samples.Sequence | Should -Be @(1, 2, 3)
        $samples.WindowSize | Should -Be @(1, 2, 3)
        $samples.State | Should -Be @('Ok', 'Ok', 'Ok')
        $samples.StatusCode | Should -Be @(200, 200, 200)
        $samples[0].PreviousState | Should -BeNullOrEmpty
    }

    It 'passes each sample down the pipeline as it arrives' {
        # Select-Object -First stops the watch after two samples: without a Count it would run forever,
        # so this only ends if samples are written one by one.
        $samples = Watch-Endpoint "$base/health" -IntervalSeconds 0.2 @relaxed | Select-Object -First 2
        $samples.Sequence | Should -Be @(1, 2)
    }

    It 'warns on a change to Critical and names the threshold' {
        # A 1 s interval leaves the switch to 503 (after sample 1 arrives) ample time before probe 2 starts.
        $samples = Watch-Endpoint "$base/health" -Count 3 -IntervalSeconds 1 -WindowSize 4 @relaxed -WarningVariable warned |
            ForEach-Object { if ($_.Sequence -eq 1) { Set-ServerMode 'fail' }; $_ }
        $samples.State | Should -Be @('Ok', 'Critical', 'Critical')
        $samples[1].StateChanged | Should -BeTrue
        $samples[1].FailedStage | Should -Be 'http'
        $samples[1].FindingCodes | Should -Contain 'HTTP.SERVICE_UNAVAILABLE'
        $samples[1].ErrorRatePercent | Should -Be 50
        $samples[1].Reason | Should -Be 'error rate 50 % ≥ critical 5 %'
        $warned | Should -HaveCount 1
        "$warned" | Should -BeLike '*Ok → Critical at probe 2: error rate 50 % ≥ critical 5 %'
    }

    It 'refuses a critical threshold below the warning one before probing' {
        { Watch-Endpoint "$base/health" -Count 1 -WarnMs 900 -CriticalMs 100 -Proxy '' -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidParameter$fqid" -ExpectedMessage '*CriticalMs 100 is below WarnMs 900*'
    }

    It 'refuses an unknown stage and lists the valid ones' {
        { Watch-Endpoint "$base/health" -Count 1 -Stage 'tcp', 'icmp' -Proxy '' -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidParameter$fqid" -ExpectedMessage "*Unknown stage 'icmp'*config, dns, tcp, proxy, tls, http*"
    }

    It 'runs only the chosen stages' {
        Set-ServerMode 'fail'
        $sample = Watch-Endpoint "$base/health" -Count 1 -Stage tcp @relaxed
        $sample.Success | Should -BeTrue
        $sample.StatusCode | Should -BeNullOrEmpty
    }
}

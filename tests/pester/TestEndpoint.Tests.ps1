#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Test-Endpoint on the staged module, against a python3 HTTP server on a loopback port
# (a child process that reports its port, exits by itself after a while, and is stopped by its Id).
# -Proxy '' keeps every run direct whatever proxy variables the machine has; no name is ever looked up in public DNS.

BeforeDiscovery {
    $script:hasPython = [bool](Get-Command python3 -ErrorAction SilentlyContinue)
}

Describe 'Test-Endpoint' -Tag 'Loopback' -Skip:(-not $hasPython) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force
        $script:fqid = ',ConnDiag.Commands.TestEndpointCommand'
        $script:canary = 'cd-canary-' + [guid]::NewGuid().ToString('N')

        # /            200 'hello conndiag'
        # /status/NNN  that status
        # /auth        200 with 'Authorization: Bearer <canary>', else 401 with a WWW-Authenticate challenge
        $server = @'
import http.server, os, sys, threading
canary = sys.argv[1]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        code, body, extra = 200, b'hello conndiag', {}
        if self.path.startswith('/status/'):
            code, body = int(self.path.split('/')[2]), b'status page'
        elif self.path == '/auth' and self.headers.get('Authorization') != 'Bearer ' + canary:
            code, body, extra = 401, b'who are you', {'WWW-Authenticate': 'Bearer realm="pester"'}
        self.send_response(code)
        for k, v in extra.items():
            self.send_header(k, v)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
# The tcp stage connects and closes without a request: not worth a traceback.
server.handle_error = lambda request, client_address: None
threading.Timer(300, lambda: os._exit(0)).start()
print(server.server_address[1], flush=True)
server.serve_forever()
'@
        $psi = [System.Diagnostics.ProcessStartInfo]::new('python3')
        foreach ($a in '-c', $server, $canary) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $script:http = [System.Diagnostics.Process]::Start($psi)
        $null = $http.StandardError.ReadToEndAsync()
        $line = $http.StandardOutput.ReadLineAsync()
        if (-not $line.Wait([TimeSpan]::FromSeconds(30)) -or $null -eq $line.Result) {
            $http.Kill()
            throw 'The python3 HTTP server did not report its port within 30 s.'
        }
        $script:port = [int]$line.Result
        $script:base = "http://127.0.0.1:$port"
        $script:closed = Get-ClosedLoopbackPort
    }

    AfterAll {
        if ($http -and -not $http.HasExited) {
            $http.Kill()
            $null = $http.WaitForExit(10000)
        }
        if ($http) { $http.Dispose() }
    }

    Context 'a healthy endpoint' {
        It 'returns one DiagnosticReport with every stage in order and no error' {
            $r = Test-Endpoint "$base/" -Proxy '' -ErrorVariable err
            $r | Should -HaveCount 1
            $r | Should -BeOfType ([ConnDiag.Model.DiagnosticReport])
            $r.Url | Should -Be "$base/"
            $r.Outcome | Should -Be 'Pass'
            $r.FailedStage | Should -BeNullOrEmpty
            $r.Stages.Stage | Should -Be @('config', 'dns', 'tcp', 'proxy', 'tls', 'http')
            ($r.Stages | Where-Object Stage -EQ 'http').Outcome | Should -Be 'Pass'
            # An IP address has nothing to resolve and an http URL no TLS: both say why they were skipped.
            ($r.Stages | Where-Object Stage -EQ 'dns').Outcome | Should -Be 'Skipped'
            ($r.Stages | Where-Object Stage -EQ 'tls').Summary | Should -Match 'no TLS'
            $err | Should -HaveCount 0
        }

        It 'shows a header line, one line per stage and the outcome in the default view' {
            $text = Test-Endpoint "$base/" -Proxy '' | Out-String
            $text | Should -Match ([regex]::Escape("$base/") + '\s+Pass')
            foreach ($stage in 'config', 'dns', 'tcp', 'proxy', 'tls', 'http') {
                $text | Should -Match "(?m)^\s+$stage\s+(Pass|Warn|Skipped)\s+[\d.,]+ ms"
            }
        }

        It 'shows one row per report with Format-Table' {
            $text = Test-Endpoint "$base/" -Proxy '' | Format-Table | Out-String
            $text | Should -Match 'Target\s+Outcome\s+FailedStage\s+DurationMs\s+Findings'
        }

        It 'checks a host:port on another port as a TCP service without an HTTP request' {
            $r = Test-Endpoint "127.0.0.1:$port" -Proxy ''
            $r.Url | Should -BeNullOrEmpty
            $r.Target.Port | Should -Be $port
            ($r.Stages | Where-Object Stage -EQ 'tcp').Outcome | Should -Be 'Pass'
            ($r.Stages | Where-Object Stage -EQ 'http').Outcome | Should -Be 'Skipped'
            $r.Outcome | Should -Be 'Pass'
        }

        It 'connects to -ConnectTo instead of resolving the name' {
            # conndiag.invalid is never looked up: the address is pinned and the dns stage only reports that.
            $r = Test-Endpoint "http://conndiag.invalid:$port/" -ConnectTo 127.0.0.1 -Proxy ''
            $r.Outcome | Should -Be 'Pass'
            ($r.Stages | Where-Object Stage -EQ 'dns').Summary | Should -Match 'ConnectTo'
        }
    }

    Context 'a failing endpoint' {
        It 'writes the report and a non-terminating error named by the finding code' {
            $r = Test-Endpoint "$base/status/503" -Proxy '' -ErrorVariable err -ErrorAction SilentlyContinue
            $r.Outcome | Should -Be 'Fail'
            $r.FailedStage | Should -Be 'http'
            $r.Findings.Code | Should -Contain 'HTTP.SERVICE_UNAVAILABLE'
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeExactly "HTTP.SERVICE_UNAVAILABLE$fqid"
            $err[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $err[0].TargetObject | Should -Be $r
            $err[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }

        It 'lists the findings with their remedies in the default view' {
            $text = Test-Endpoint "$base/status/503" -Proxy '' -ErrorAction SilentlyContinue | Out-String
            $text | Should -Match 'failed at http'
            $text | Should -Match 'HTTP\.SERVICE_UNAVAILABLE \(Error\)'
            $text | Should -Match 'Remedy: '
        }

        It 'stops at a refused port and skips the later stages with the reason' {
            $r = Test-Endpoint "http://127.0.0.1:$closed/" -Proxy '' -ErrorVariable err -ErrorAction SilentlyContinue
            $r.FailedStage | Should -Be 'tcp'
            foreach ($later in 'proxy', 'tls', 'http') {
                ($r.Stages | Where-Object Stage -EQ $later).Outcome | Should -Be 'Skipped'
            }
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Match ('^(LOCAL\.NOT_LISTENING|TCP\.REFUSED)' + [regex]::Escape($fqid) + '$')
        }

        It 'passes when -ExpectStatus names the status the server sends' {
            $r = Test-Endpoint "$base/status/503" -ExpectStatus 503 -Proxy '' -ErrorVariable err
            $r.Outcome | Should -Be 'Pass'
            $err | Should -HaveCount 0
        }

        It 'fails with HTTP.UNEXPECTED_STATUS when the status is not the expected one' {
            $null = Test-Endpoint "$base/" -ExpectStatus 204 -Proxy '' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeExactly "HTTP.UNEXPECTED_STATUS$fqid"
        }

        It 'fails with HTTP.UNEXPECTED_BODY when the body does not match -ExpectBodyPattern' {
            $ok = Test-Endpoint "$base/" -ExpectBodyPattern 'hello \w+' -Proxy ''
            $ok.Outcome | Should -Be 'Pass'
            $null = Test-Endpoint "$base/" -ExpectBodyPattern '^goodbye' -Proxy '' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeExactly "HTTP.UNEXPECTED_BODY$fqid"
        }
    }

    Context '-Quiet' {
        It 'returns one bool per target and no errors for failed targets' {
            $results = Test-Endpoint "$base/", "$base/status/503" -Proxy '' -Quiet -ErrorVariable err
            $results | Should -HaveCount 2
            $results | ForEach-Object { $_ | Should -BeOfType ([bool]) }
            @($results | Where-Object { $_ }) | Should -HaveCount 1
            $err | Should -HaveCount 0
        }

        It 'gates a script' {
            Test-Endpoint "$base/" -Proxy '' -Quiet | Should -BeTrue
            Test-Endpoint "$base/status/500" -Proxy '' -Quiet | Should -BeFalse
        }
    }

    Context 'pipeline input' {
        It 'takes strings by value, several at once' {
            $r = "$base/", "$base/status/404", "127.0.0.1:$port" | Test-Endpoint -Proxy '' -ThrottleLimit 2 -ErrorAction SilentlyContinue
            $r | Should -HaveCount 3
            ($r | Where-Object Outcome -EQ 'Fail').Findings.Code | Should -Contain 'HTTP.NOT_FOUND'
        }

        It 'takes objects by property name (Url, ComputerName)' {
            $r = [pscustomobject]@{ Url = "$base/" }, [pscustomobject]@{ ComputerName = "127.0.0.1:$port" } | Test-Endpoint -Proxy ''
            $r | Should -HaveCount 2
            $r.Outcome | Should -Be @('Pass', 'Pass')
        }

        It 're-runs its own reports through Url' {
            $r = Test-Endpoint "$base/" -Proxy '' | Test-Endpoint -Proxy ''
            $r.Url | Should -Be "$base/"
        }
    }

    Context 'invalid input' {
        It 'reports an invalid target as a non-terminating InvalidTarget error and runs the others' {
            $r = Test-Endpoint 'ftp://127.0.0.1/', "$base/" -Proxy '' -ErrorVariable err -ErrorAction SilentlyContinue
            $r | Should -HaveCount 1
            $r.Outcome | Should -Be 'Pass'
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeExactly "InvalidTarget$fqid"
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].Exception.Message | Should -Match 'ftp'
        }

        It 'rejects -IPv4 with -IPv6 before anything runs' {
            { Test-Endpoint "$base/" -IPv4 -IPv6 } | Should -Throw -ErrorId "IPv4AndIPv6$fqid"
        }

        It 'stops with InvalidParameter on options the engine rejects' -ForEach @(
            @{ Options = @{ Header = @{ 'Bad Name' = 'x' } } }
            @{ Options = @{ Proxy = 'not a proxy url' } }
            @{ Options = @{ ConnectTo = 'localhost' } }
            @{ Options = @{ WarnMs = 900; CriticalMs = 100 } }
            @{ Options = @{ ExpectBodyPattern = '(' } }
        ) {
            { Test-Endpoint "$base/" @Options } | Should -Throw -ErrorId "InvalidParameter$fqid"
        }

        It 'refuses a token and a credential together without printing either' {
            $token = ConvertTo-SecureString $canary -AsPlainText -Force
            $credential = [pscredential]::new('user', $token)
            $e = { Test-Endpoint "$base/" -Token $token -Credential $credential } | Should -Throw -ErrorId "InvalidParameter$fqid" -PassThru
            $e.Exception.Message | Should -Not -Match $canary
        }
    }

    Context 'secrets' {
        It 'sends -Token and never shows it in output, errors or verbose text' {
            $token = ConvertTo-SecureString $canary -AsPlainText -Force
            $all = Test-Endpoint "$base/auth" -Token $token -Proxy '' -Verbose 4>&1 -ErrorVariable err
            $report = $all | Where-Object { $_ -is [ConnDiag.Model.DiagnosticReport] }
            $report.Outcome | Should -Be 'Pass'
            $err | Should -HaveCount 0
            ($all | Out-String) + ($report | Format-List * | Out-String) + ($report.Stages.Evidence | Out-String) | Should -Not -Match $canary
        }

        It 'reports HTTP.UNAUTHORIZED without the token, and a wrong token is not echoed' {
            $wrong = ConvertTo-SecureString ($canary + 'x') -AsPlainText -Force
            $r = Test-Endpoint "$base/auth" -Header @{ Authorization = $wrong } -Proxy '' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeExactly "HTTP.UNAUTHORIZED$fqid"
            ($r | Out-String) + ($err | Out-String) | Should -Not -Match $canary
        }
    }
}

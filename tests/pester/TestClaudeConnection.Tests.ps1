#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Test-ClaudeConnection on the staged module, against a python3 fake of the Anthropic API
# on a loopback port (plain http: the TLS layer is covered by the engine tests). The ANTHROPIC_* and proxy
# variables of the session are cleared and HOME points at an empty directory, so neither the machine's Claude
# Code configuration nor a public host takes part; a loopback base URL never reads a status page.

BeforeDiscovery {
    $script:hasPython = [bool](Get-Command python3 -ErrorAction SilentlyContinue)
}

Describe 'Test-ClaudeConnection' -Tag 'Loopback' -Skip:(-not $hasPython) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force
        $script:fqid = ',ConnDiag.Commands.TestClaudeConnectionCommand'
        $script:canary = 'sk-ant-api03-pester' + [guid]::NewGuid().ToString('N') + 'Zz42'
        $script:key = ConvertTo-SecureString $canary -AsPlainText -Force
        $script:wrongKey = ConvertTo-SecureString ('sk-ant-api03-wrong' + [guid]::NewGuid().ToString('N')) -AsPlainText -Force

        # The documented wire format: 404 on /, 405 on GET /v1/messages, /v1/models and count_tokens behind x-api-key.
        $server = @'
import http.server, json, os, sys, threading, itertools
canary = sys.argv[1]
ids = itertools.count(1)
class Handler(http.server.BaseHTTPRequestHandler):
    def reply(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header('request-id', 'req_pester%06d' % next(ids))
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def error(self, code, kind, message):
        self.reply(code, {'type': 'error', 'error': {'type': kind, 'message': message}})
    def authenticated(self):
        if self.headers.get('x-api-key') == canary:
            return True
        self.error(401, 'authentication_error', 'invalid x-api-key')
        return False
    def do_GET(self):
        if self.path == '/v1/messages':
            self.error(405, 'invalid_request_error', 'Method Not Allowed')
        elif self.path.startswith('/v1/models'):
            if self.authenticated():
                self.reply(200, {'data': [{'type': 'model', 'id': 'claude-test-1', 'display_name': 'Test'}], 'has_more': False, 'first_id': 'claude-test-1', 'last_id': 'claude-test-1'})
        else:
            self.error(404, 'not_found_error', 'Not Found')
    def do_POST(self):
        length = int(self.headers.get('Content-Length') or 0)
        self.rfile.read(min(length, 65536))
        if self.path == '/v1/messages/count_tokens':
            if self.authenticated():
                self.reply(200, {'input_tokens': 8})
        else:
            self.error(404, 'not_found_error', 'Not Found')
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
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
        $script:api = [System.Diagnostics.Process]::Start($psi)
        $null = $api.StandardError.ReadToEndAsync()
        $line = $api.StandardOutput.ReadLineAsync()
        if (-not $line.Wait([TimeSpan]::FromSeconds(30)) -or $null -eq $line.Result) {
            $api.Kill()
            throw 'The python3 fake API did not report its port within 30 s.'
        }
        $script:base = "http://127.0.0.1:$([int]$line.Result)"

        $script:saved = @{}
        foreach ($name in 'ANTHROPIC_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_MODEL', 'CLAUDE_CODE_USE_BEDROCK',
            'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY', 'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY',
            'all_proxy', 'NO_PROXY', 'no_proxy', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED', 'HOME') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        $script:claudeHome = Join-Path ([System.IO.Path]::GetTempPath()) ('conndiag-pester-claude-' + [guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $claudeHome
        [Environment]::SetEnvironmentVariable('HOME', $claudeHome)
        Push-Location $claudeHome
    }

    AfterAll {
        Pop-Location
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        if ($api -and -not $api.HasExited) {
            $api.Kill()
            $null = $api.WaitForExit(10000)
        }
        if ($api) { $api.Dispose() }
        Remove-Item -LiteralPath $claudeHome -Recurse -Force -ErrorAction SilentlyContinue
    }

    Context 'a valid key' {
        It 'returns one ClaudeConnectionReport that passes, with request ids and no error' {
            $r = Test-ClaudeConnection $base -ApiKey $key -ErrorVariable err
            $r | Should -HaveCount 1
            $r | Should -BeOfType ([ConnDiag.Claude.Profile.ClaudeConnectionReport])
            $r.Outcome | Should -Not -Be 'Fail'
            $r.Profile | Should -Be 'Gateway'
            $r.Stages.Stage | Should -Be @('config', 'claude-config', 'dns', 'tcp', 'proxy', 'tls', 'http', 'api-shape', 'auth', 'tokens', 'status-page')
            $r.RequestIds | Should -Not -BeNullOrEmpty
            $r.RequestIds[0] | Should -BeLike 'req_pester*'
            $r.Models | Should -Be @('claude-test-1')
            $err | Should -BeNullOrEmpty
        }

        It 'skips the status page for a loopback base URL, and reads nothing' {
            $r = Test-ClaudeConnection $base -ApiKey $key
            $stage = $r.Stages | Where-Object Stage -EQ 'status-page'
            $stage.Outcome | Should -Be 'Skipped'
            $stage.Summary | Should -BeLike '*on this machine*'
            $r.StatusPage | Should -BeNullOrEmpty
        }

        It 'turns the status page off with -IncludeStatusPage:$false' {
            $r = Test-ClaudeConnection $base -ApiKey $key -IncludeStatusPage:$false
            ($r.Stages | Where-Object Stage -EQ 'status-page').Summary | Should -BeLike '*turned off*'
        }

        It 'returns $true with -Quiet' {
            Test-ClaudeConnection $base -ApiKey $key -Quiet | Should -BeTrue
        }

        It 'never shows the key: not in the default view, the JSON, or the effective config' {
            $r = Test-ClaudeConnection $base -ApiKey $key
            ($r | Out-String -Width 400) | Should -Not -Match ([regex]::Escape($canary))
            ($r | ConvertTo-Json -Depth 12) | Should -Not -Match ([regex]::Escape($canary))
            $value = $r.EffectiveConfig.Values | Where-Object Name -EQ 'ANTHROPIC_API_KEY'
            $value.Secret | Should -BeTrue
            $value.Value | Should -BeLike 'sk-ant-*Zz42'
            $value.Length | Should -Be $canary.Length
        }

        It 'takes the key from ANTHROPIC_API_KEY as Claude Code does' {
            [Environment]::SetEnvironmentVariable('ANTHROPIC_API_KEY', $canary)
            try {
                $r = Test-ClaudeConnection $base
                $r.Outcome | Should -Not -Be 'Fail'
                ($r.EffectiveConfig.Values | Where-Object Name -EQ 'ANTHROPIC_API_KEY').Source.Kind | Should -Be 'Environment'
            }
            finally {
                [Environment]::SetEnvironmentVariable('ANTHROPIC_API_KEY', $null)
            }
        }
    }

    Context 'a wrong key' {
        It 'writes the report and an AUTH.INVALID_KEY error' {
            $r = Test-ClaudeConnection $base -ApiKey $wrongKey -ErrorVariable err -ErrorAction SilentlyContinue
            $r.Outcome | Should -Be 'Fail'
            $r.FailedStage | Should -Be 'auth'
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be ('AUTH.INVALID_KEY' + $fqid)
            $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        }

        It 'returns $false with -Quiet and writes no error' {
            Test-ClaudeConnection $base -ApiKey $wrongKey -Quiet -ErrorVariable err | Should -BeFalse
            $err | Should -BeNullOrEmpty
        }
    }

    Context 'invalid input' {
        It 'stops with InvalidParameter for a base URL that is not http or https' {
            { Test-ClaudeConnection 'ftp://api.example' -ApiKey $key -ErrorAction Stop } |
                Should -Throw -ErrorId ('InvalidParameter' + $fqid)
        }

        It 'stops with InvalidParameter for a bad status page URL' {
            { Test-ClaudeConnection $base -ApiKey $key -StatusPageUrl 'ftp://status.example' -ErrorAction Stop } |
                Should -Throw -ErrorId ('InvalidParameter' + $fqid)
        }

        It 'rejects a profile that does not exist' {
            { Test-ClaudeConnection $base -Profile 'Nope' } | Should -Throw '*Profile*'
        }

        It 'stops with IPv4AndIPv6 when both families are asked for' {
            { Test-ClaudeConnection $base -ApiKey $key -IPv4 -IPv6 -ErrorAction Stop } |
                Should -Throw -ErrorId ('IPv4AndIPv6' + $fqid)
        }
    }
}

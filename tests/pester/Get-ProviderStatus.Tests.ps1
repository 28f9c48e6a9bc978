#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Get-ProviderStatus on the staged module against a loopback Statuspage: python3's
# http.server serving summary.json files this script writes. Every call passes -StatusPageUrl with the
# loopback address; -Provider is only used for input errors, which fail before any request is made.

BeforeDiscovery {
    $script:hasPython = [bool](Get-Command python3 -ErrorAction SilentlyContinue)
}

Describe 'Get-ProviderStatus' -Tag 'Loopback' -Skip:(-not $hasPython) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force

        $script:root = Join-Path ([System.IO.Path]::GetTempPath()) ("conndiag-pester-status-" + [guid]::NewGuid())
        function Write-Summary {
            param([string] $Page, [string] $Json)
            $dir = Join-Path $root "$Page/api/v2"
            $null = New-Item -ItemType Directory -Path $dir -Force
            Set-Content -LiteralPath (Join-Path $dir 'summary.json') -Value $Json -NoNewline
        }
        Write-Summary -Page 'ok' -Json '{"page":{"name":"Fixture"},"status":{"indicator":"none","description":"All Systems Operational"},"components":[],"incidents":[],"scheduled_maintenances":[]}'
        Write-Summary -Page 'down' -Json (@(
                '{"page":{"name":"Fixture"},"status":{"indicator":"major","description":"Partial System Outage"},'
                '"components":[{"id":"c1","name":"Claude API","status":"major_outage","group":false,"group_id":null}],'
                '"incidents":[{"name":"API unavailable","status":"investigating","impact":"major","started_at":"2026-11-22T04:41:00Z","shortlink":"https://stspg.io/x"}],'
                '"scheduled_maintenances":[]}'
            ) -join '')
        $htmlDir = Join-Path $root 'html/api/v2'
        $null = New-Item -ItemType Directory -Path $htmlDir -Force
        Set-Content -LiteralPath (Join-Path $htmlDir 'summary.json') -Value '<!DOCTYPE html><html><body>status</body></html>'

        $script:port = Get-ClosedLoopbackPort
        $psi = [System.Diagnostics.ProcessStartInfo]::new('python3')
        foreach ($arg in '-m', 'http.server', '--bind', '127.0.0.1', '--directory', $root, "$port") { $psi.ArgumentList.Add($arg) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardOutput = $true
        $script:server = [System.Diagnostics.Process]::Start($psi)
        $null = $server.StandardError.ReadToEndAsync()
        $null = $server.StandardOutput.ReadToEndAsync()
        # Ready when the port accepts: bounded polling.
        $ready = $false
        for ($i = 0; $i -lt 50 -and -not $ready -and -not $server.HasExited; $i++) {
            $client = [System.Net.Sockets.TcpClient]::new()
            try { $client.Connect('127.0.0.1', $port); $ready = $true } catch { Start-Sleep -Milliseconds 100 } finally { $client.Dispose() }
        }
        if (-not $ready) { throw "python3 http.server did not start on 127.0.0.1:$port" }
        $script:base = "http://127.0.0.1:$port"
    }

    AfterAll {
        if ($server -and -not $server.HasExited) { $server.Kill(); $null = $server.WaitForExit(5000) }
        if ($root) { Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'reports an operational page with no error' {
        $r = Get-ProviderStatus -StatusPageUrl "$base/ok" -TimeoutSec 5 -ErrorVariable problems -ErrorAction SilentlyContinue
        $r.Indicator | Should -Be 'None'
        $r.IsOperational | Should -BeTrue
        $r.Description | Should -Be 'All Systems Operational'
        $r.PSObject.TypeNames[0] | Should -Be 'ConnDiag.Claude.Status.ProviderStatusReport'
        $problems.Count | Should -Be 0
    }

    It 'reports an outage with its component, incident and API.STATUS_OUTAGE, as a warning not an error' {
        $r = Get-ProviderStatus -StatusPageUrl "$base/down/api/v2/summary.json" -ErrorVariable problems -ErrorAction SilentlyContinue
        $r.Indicator | Should -Be 'Major'
        $r.IsOperational | Should -BeFalse
        $r.NonOperationalComponents[0].Name | Should -Be 'Claude API'
        $r.NonOperationalComponents[0].Status | Should -Be 'MajorOutage'
        $r.UnresolvedIncidents[0].Shortlink | Should -Be 'https://stspg.io/x'
        $r.Findings.Code | Should -Contain 'API.STATUS_OUTAGE'
        $problems.Count | Should -Be 0
    }

    It 'writes an API.STATUS_UNSUPPORTED_PAGE error for a page that is not Statuspage' {
        $r = Get-ProviderStatus -StatusPageUrl "$base/html" -ErrorVariable problems -ErrorAction SilentlyContinue
        $r.Indicator | Should -Be 'Unknown'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'API.STATUS_UNSUPPORTED_PAGE,*'
    }

    It 'names an unknown provider and the built-in ones without making a request' {
        $r = Get-ProviderStatus -Provider 'NoSuchProvider' -ErrorVariable problems -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'UnknownProvider,*'
        $problems[0].Exception.Message | Should -Match 'Anthropic'
    }

    It 'refuses a URL with credentials and does not echo the password' {
        $r = Get-ProviderStatus -StatusPageUrl 'https://user:hunter2secret@status.example.test' -ErrorVariable problems -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStatusPageUrl,*'
        ($problems[0] | Out-String) | Should -Not -Match 'hunter2secret'
    }

    It 'completes -Provider names case-insensitively' {
        $completion = TabExpansion2 -inputScript 'Get-ProviderStatus -Provider anth' -cursorColumn 'Get-ProviderStatus -Provider anth'.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'Anthropic'
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Test-RouterConfig on the staged module, over claude-code-router configs written to $TestDrive.

Describe 'Test-RouterConfig' -Tag 'Unit' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force

        $env:CONNDIAG_PESTER_KEY = 'sk-pester-0123456789abcdef'
        $script:dir = Join-Path $TestDrive 'ccr'
        New-Item -ItemType Directory -Path $dir | Out-Null

        # JSON5 as the router accepts it: comments and trailing commas.
        $script:valid = Join-Path $dir 'valid.json'
        Set-Content -LiteralPath $valid -NoNewline -Value @'
{
  // a comment
  "PORT": 3456,
  "Providers": [
    { "name": "deepseek", "api_base_url": "https://deepseek.example.test/chat/completions",
      "api_key": "$CONNDIAG_PESTER_KEY", "models": ["deepseek-chat", "deepseek-reasoner"], },
  ],
  "Router": { "default": "deepseek,deepseek-chat", "think": "deepseek,deepseek-reasoner" },
}
'@
        $script:badRoute = Join-Path $dir 'bad-route.json'
        Set-Content -LiteralPath $badRoute -NoNewline -Value @'
{
  "Providers": [ { "name": "p", "api_base_url": "https://p.example.test/v1", "api_key": "", "models": ["m1"] } ],
  "Router": { "default": "p,m2" }
}
'@
        $script:syntax = Join-Path $dir 'syntax.json'
        Set-Content -LiteralPath $syntax -NoNewline -Value "{`n  `"PORT`": 3456`n  `"HOST`": `"127.0.0.1`"`n}"
        $script:secret = 'sk-CANARYpester0123456789'
        $script:inline = Join-Path $dir 'inline.json'
        Set-Content -LiteralPath $inline -NoNewline -Value (@'
{
  "Providers": [ { "name": "p", "api_base_url": "https://p.example.test/v1", "api_key": "SECRET", "models": ["m1"] } ],
  "Router": { "default": "p,m1" }
}
'@ -replace 'SECRET', $secret)
    }

    AfterAll {
        Remove-Item Env:CONNDIAG_PESTER_KEY -ErrorAction SilentlyContinue
    }

    It 'returns a RouterConfigReport with providers and routes for a valid JSON5 file' {
        $report = Test-RouterConfig -Path $valid
        $report | Should -BeOfType ([ConnDiag.Claude.Router.RouterConfigReport])
        $report.Findings | Should -BeNullOrEmpty
        $report.Generation | Should -Be 'V2'
        $report.Providers[0].Name | Should -Be 'deepseek'
        $report.Providers[0].KeySource | Should -Be 'Environment'
        $report.Providers[0].MaskedKey | Should -Not -Match '0123456789abcdef'
        @($report.Routes.Name) | Should -Be @('default', 'think')
    }

    It 'reports an unknown model as a non-terminating ROUTER.ROUTE_UNKNOWN_MODEL error after the report' {
        $report = Test-RouterConfig $badRoute -ErrorVariable errs -ErrorAction SilentlyContinue
        $report.Findings.Code | Should -Contain 'ROUTER.ROUTE_UNKNOWN_MODEL'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ROUTER.ROUTE_UNKNOWN_MODEL,*'
    }

    It 'names the line and column of a syntax error' {
        $report = Test-RouterConfig $syntax -ErrorAction SilentlyContinue
        $report.Findings[0].Code | Should -Be 'ROUTER.CONFIG_SYNTAX'
        $report.Findings[0].Summary | Should -Match 'syntax\.json:3:3: '
    }

    It 'takes files from Get-ChildItem by FullName' {
        $reports = Get-ChildItem -LiteralPath $dir -Filter *.json | Test-RouterConfig -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        @($reports) | Should -HaveCount 4
        @($reports.Path | Sort-Object) | Should -Be @((Get-ChildItem -LiteralPath $dir -Filter *.json).FullName | Sort-Object)
    }

    It 'returns only a bool with -Quiet' {
        Test-RouterConfig $valid -Quiet | Should -BeTrue
        Test-RouterConfig $badRoute -Quiet -ErrorAction Stop | Should -BeFalse
    }

    It 'never shows an inline key unmasked' {
        $out = Test-RouterConfig $inline -WarningVariable warns 3>$null | Out-String
        $json = Test-RouterConfig $inline -WarningAction SilentlyContinue | ConvertTo-Json -Depth 6
        $warns[0] | Should -Match 'ROUTER.INLINE_SECRET'
        ($out + $json + ($warns -join ' ')) | Should -Not -Match 'CANARY'
    }

    It 'refuses a directory and a missing file with specific errors' {
        { Test-RouterConfig $dir -ErrorAction Stop } | Should -Throw -ErrorId 'RouterConfigIsDirectory,*'
        { Test-RouterConfig (Join-Path $dir 'none.json') -ErrorAction Stop } | Should -Throw -ErrorId 'RouterConfigNotFound,*'
    }

    It 'does not change the file' {
        $before = Get-FileHash -LiteralPath $valid
        $stamp = (Get-Item -LiteralPath $valid).LastWriteTimeUtc
        Test-RouterConfig $valid | Out-Null
        (Get-FileHash -LiteralPath $valid).Hash | Should -Be $before.Hash
        (Get-Item -LiteralPath $valid).LastWriteTimeUtc | Should -Be $stamp
    }

    It 'with -Probe reports a router that is not running as ROUTER.NOT_RUNNING with ccr start' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $closed = Join-Path $dir 'closed.json'
        Set-Content -LiteralPath $closed -NoNewline -Value ((Get-Content -LiteralPath $valid -Raw) -replace '"PORT": 3456', ('"PORT": ' + $port))

        # The config's providers are *.example.test: the provider step stays off so nothing looks them up.
        $report = Test-RouterConfig -Path $closed -Probe -SkipProviderCheck -ErrorVariable errs -ErrorAction SilentlyContinue

        $report.Probe.Listening | Should -BeFalse
        $report.Probe.Findings.Code | Should -Contain 'ROUTER.NOT_RUNNING'
        ($report.Probe.Findings | Where-Object -Property 'Code' -EQ -Value 'ROUTER.NOT_RUNNING').Remedy | Should -Match 'ccr start'
        $errs.FullyQualifiedErrorId | Should -Contain 'ROUTER.NOT_RUNNING,ConnDiag.Commands.TestRouterConfigCommand'
        $report.IsValid | Should -BeFalse
        $report.ProviderChecks | Should -BeNullOrEmpty
    }

    It 'with -Probe reports a provider whose port refuses as ROUTER.PROVIDER_UNREACHABLE at tcp' {
        $ports = foreach ($i in 1..2) {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start()
            $listener.LocalEndpoint.Port
            $listener.Stop()
        }
        $config = Join-Path $dir 'provider-down.json'
        Set-Content -LiteralPath $config -NoNewline -Value (@'
{ "PORT": ROUTERPORT, "HOST": "127.0.0.1",
  "Providers": [ { "name": "local", "api_base_url": "https://127.0.0.1:PROVIDERPORT/v1", "api_key": "", "models": ["m1"] } ],
  "Router": { "default": "local,m1" } }
'@ -replace 'ROUTERPORT', $ports[0] -replace 'PROVIDERPORT', $ports[1])

        $report = Test-RouterConfig -Path $config -Probe -ErrorVariable errs -ErrorAction SilentlyContinue

        $check = $report.ProviderChecks | Select-Object -First 1
        $check.Provider | Should -Be 'local'
        $check.Reachable | Should -BeFalse
        $check.FailedStage | Should -Be 'tcp'
        $check.Findings.Code | Should -Contain 'ROUTER.PROVIDER_UNREACHABLE'
        $errs.FullyQualifiedErrorId | Should -Contain 'ROUTER.PROVIDER_UNREACHABLE,ConnDiag.Commands.TestRouterConfigCommand'
    }

    It 'rejects -SkipProviderCheck without -Probe' {
        { Test-RouterConfig -Path $valid -SkipProviderCheck -ErrorAction Stop } | Should -Throw -ErrorId 'RouterConfigSkipWithoutProbe,ConnDiag.Commands.TestRouterConfigCommand'
    }
}

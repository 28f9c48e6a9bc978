#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of ConvertTo-PrometheusMetric on the staged module: real Test-TcpPort results against a
# loopback listener and a closed port, converted and checked with promtool when it is installed (Debian's
# prometheus package, as .ci/run installs it). No traffic leaves loopback.

Describe 'ConvertTo-PrometheusMetric' -Tag 'Unit' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force

        $script:listener = New-LoopbackListener
        $script:openPort = $listener.LocalEndpoint.Port
        $script:closedPort = Get-ClosedLoopbackPort
        $script:results = @(Test-TcpPort -TargetName 127.0.0.1 -Port $openPort, $closedPort -ErrorAction SilentlyContinue)

        function Get-Sample([string] $Text, [string] $Pattern) {
            @($Text -split "`n" | Where-Object { $_ -like $Pattern })
        }
    }

    AfterAll {
        if ($script:listener) { $script:listener.Stop() }
    }

    It 'writes one string for all pipeline input, each family once' {
        $out = @($results | ConvertTo-PrometheusMetric)
        $out | Should -HaveCount 1
        $out[0] | Should -BeOfType [string]
        @(Get-Sample $out[0] '# TYPE conndiag_probe_success gauge') | Should -HaveCount 1
        @(Get-Sample $out[0] 'conndiag_probe_success{*') | Should -HaveCount 2
    }

    It 'gives the open port 1 and the refused port 0 with its finding' {
        $text = $results | ConvertTo-PrometheusMetric
        Get-Sample $text "conndiag_tcp_port_open{kind=`"tcp`",target=`"127.0.0.1:$openPort`",*" | Should -Match ' 1$'
        Get-Sample $text "conndiag_tcp_port_open{kind=`"tcp`",target=`"127.0.0.1:$closedPort`",*" | Should -Match ' 0$'
        Get-Sample $text "conndiag_findings{kind=`"tcp`",target=`"127.0.0.1:$closedPort`",code=`"TCP.REFUSED`",*" | Should -Match ' 1$'
    }

    It 'reads the JSON text the CLI writes the same way as the objects' {
        $fromObjects = $results | ConvertTo-PrometheusMetric
        $fromObjects | Should -Not -BeNullOrEmpty
        # The engine's JSON shape (what conndiag --json writes), not ConvertTo-Json's.
        $cliJson = '[' + (($results | ForEach-Object { [ConnDiag.Serialization.ConnDiagJson]::ToElement($_).GetRawText() }) -join ',') + ']'
        ($cliJson | ConvertTo-PrometheusMetric) | Should -Be $fromObjects
    }

    It 'passes promtool check metrics' -Skip:(-not (Get-Command promtool -ErrorAction SilentlyContinue)) {
        $text = $results | ConvertTo-PrometheusMetric
        $report = $text | promtool check metrics 2>&1
        $LASTEXITCODE | Should -Be 0
        $report | Should -BeNullOrEmpty
    }

    It 'reports an object of another kind as a non-terminating error and converts the rest' {
        $text = @([pscustomobject]@{ Name = 'x' }, $results[0]) | ConvertTo-PrometheusMetric -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'NotAConnDiagResult,*'
        $text | Should -Match 'conndiag_probe_success\{kind="tcp"'
    }

    It 'reports JSON text that does not parse with its line and column' {
        $null = "{`n  `"a`": ,`n}" | ConvertTo-PrometheusMetric -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResultJson,*'
        $bad[0].Exception.Message | Should -BeLike '*line 2, column 8*'
    }
}

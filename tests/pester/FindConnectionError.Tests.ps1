#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Find-ConnectionError on the staged module, over log files written to $TestDrive
# (plain, gzip-rotated, journald JSON) and strings from the pipeline. No network traffic.

Describe 'Find-ConnectionError' -Tag 'Unit' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force

        function Write-LogFile([string] $Path, [string[]] $Lines) {
            Set-Content -LiteralPath $Path -Value (($Lines -join "`n") + "`n") -NoNewline
        }

        $script:dir = Join-Path $TestDrive 'logs'
        New-Item -ItemType Directory -Path $dir | Out-Null
        $script:errorLog = Join-Path $dir 'error.log'
        Write-LogFile $errorLog @(
            '2026/11/22 06:32:29 [notice] 1#1: start worker processes'
            '2026/11/22 06:32:30 [error] 1#1: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1'
            '2026/11/22 06:32:31 [error] 1#1: *5 upstream timed out (110: Connection timed out) while reading response header from upstream'
        )
        # A rotated, gzip-compressed log next to it.
        $script:rotated = Join-Path $dir 'error.log.1.gz'
        $bytes = [System.Text.Encoding]::UTF8.GetBytes("Error: connect ECONNREFUSED 127.0.0.1:5432`n")
        $file = [System.IO.File]::Create($rotated)
        try {
            $zip = [System.IO.Compression.GZipStream]::new($file, [System.IO.Compression.CompressionLevel]::Fastest)
            $zip.Write($bytes, 0, $bytes.Length)
            $zip.Dispose()
        } finally {
            $file.Dispose()
        }
        (Get-Item -LiteralPath $rotated).LastWriteTime = (Get-Date).AddDays(-1)
    }

    It 'classifies nginx error-log lines with code, layer and remedy' {
        $found = @(Find-ConnectionError -Path $errorLog)
        $found | Should -HaveCount 2
        $found[0].Code | Should -Be 'TCP.REFUSED'
        $found[0].Layer | Should -Be 'Tcp'
        $found[0].LineNumber | Should -Be 2
        $found[0].Rule | Should -Be 'nginx-upstream-refused'
        $found[0].Remedy | Should -Not -BeNullOrEmpty
        $found[1].Code | Should -Be 'HTTP.GATEWAY_TIMEOUT'
    }

    It 'expands wildcards over rotated .gz logs, oldest first' {
        $found = @(Find-ConnectionError -Path (Join-Path $dir 'error.log*'))
        $found | Should -HaveCount 3
        $found[0].Source | Should -Be $rotated
        $found[0].Code | Should -Be 'TCP.REFUSED'
    }

    It 'takes files from Get-ChildItem through LiteralPath' {
        $found = @(Get-ChildItem -LiteralPath $errorLog | Find-ConnectionError)
        $found | Should -HaveCount 2
    }

    It 'classifies pipeline strings, including journald JSON lines' {
        $lines = @(
            'ok'
            '{"__REALTIME_TIMESTAMP":"1795329150000000","_SYSTEMD_UNIT":"api.service","_PID":"42","MESSAGE":"Error: listen EADDRINUSE: address already in use :::3000"}'
            'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'
        )
        $found = @($lines | Find-ConnectionError)
        $found.Code | Should -Be @('LOCAL.PORT_IN_USE', 'LOCAL.OUT_OF_MEMORY')
        $found[0].Text | Should -Be 'api.service[42]: Error: listen EADDRINUSE: address already in use :::3000'
        $found[0].Timestamp | Should -Not -BeNullOrEmpty
        $found[0].Source | Should -Be 'pipeline'
    }

    It 'summarises per code with -Summary' {
        $summary = @(Find-ConnectionError -Path (Join-Path $dir 'error.log*') -Summary)
        ($summary | Where-Object Code -eq 'TCP.REFUSED').Count | Should -Be 2
        $summary[0].PSObject.TypeNames[0] | Should -Be 'ConnDiag.Logs.LogCodeSummary'
    }

    It 'keeps only the last lines with -Tail and recent ones with -Since' {
        @(Find-ConnectionError -Path $errorLog -Tail 1).Code | Should -Be @('HTTP.GATEWAY_TIMEOUT')
        @(Find-ConnectionError -Path $errorLog -Since ([datetime]'2026-11-22 06:32:31')).Code | Should -Be @('HTTP.GATEWAY_TIMEOUT')
    }

    It 'masks secrets in the text' {
        $found = 'API Error: 401 authentication_error key sk-ant-api03-CANARYcanary0123456789abcdef' | Find-ConnectionError
        $found.Text | Should -Not -Match 'CANARY'
        $found.Code | Should -Be 'HTTP.UNAUTHORIZED'
    }

    It 'reports a missing file as LogFileNotFound' {
        $err = $null
        $found = Find-ConnectionError -Path (Join-Path $dir 'nope.log') -ErrorVariable err -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LogFileNotFound,*'
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Export-DiagnosticReport on the staged module: a real report (Test-Endpoint against a closed
# loopback port) written as HTML and Markdown to $TestDrive, overwrite refusal, -WhatIf, and bad input.

Describe 'Export-DiagnosticReport' -Tag 'Loopback' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force

        $script:port = Get-ClosedLoopbackPort
        $script:report = Test-Endpoint "http://127.0.0.1:$port/" -Proxy '' -ErrorAction SilentlyContinue
    }

    It 'writes one self-contained HTML file with a bar per stage and returns its FileInfo' {
        $path = Join-Path $TestDrive 'refused.html'
        $file = $report | Export-DiagnosticReport -Path $path
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be $path
        $html = Get-Content -Raw -LiteralPath $path
        $html | Should -Match '<svg class="waterfall"'
        ([regex]::Matches($html, 'data-bar="stage"')).Count | Should -Be $report.Stages.Count
        $html | Should -Match 'data-code="TCP.REFUSED"'
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match 'src='
    }

    It 'picks Markdown from the extension' {
        $path = Join-Path $TestDrive 'ticket.md'
        $report | Export-DiagnosticReport -Path $path | Out-Null
        $md = Get-Content -Raw -LiteralPath $path
        $md | Should -Match '(?m)^# ConnDiag report$'
        $md | Should -Match '(?m)^\| Stage \| Layer \| Outcome \| Time \| Summary \|$'
        $md | Should -Match 'TCP\.REFUSED'
    }

    It 'resolves a relative path against the current location' {
        Push-Location $TestDrive
        try {
            $file = $report | Export-DiagnosticReport -Path './relative.html'
            $file.FullName | Should -Be (Join-Path $TestDrive 'relative.html')
        } finally {
            Pop-Location
        }
    }

    It 'refuses to overwrite without -Force and leaves the file unchanged' {
        $path = Join-Path $TestDrive 'existing.html'
        Set-Content -LiteralPath $path -Value 'keep me' -NoNewline
        { $report | Export-DiagnosticReport -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportFileExists,ConnDiag.Commands.ExportDiagnosticReportCommand'
        Get-Content -Raw -LiteralPath $path | Should -Be 'keep me'

        $report | Export-DiagnosticReport -Path $path -Force | Out-Null
        Get-Content -Raw -LiteralPath $path | Should -Match '<!DOCTYPE html>'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.html'
        $out = $report | Export-DiagnosticReport -Path $path -WhatIf
        $out | Should -BeNullOrEmpty
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'needs -Format when the extension names none' {
        $path = Join-Path $TestDrive 'report.txt'
        { $report | Export-DiagnosticReport -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportFormatUnknown,ConnDiag.Commands.ExportDiagnosticReportCommand'
        $report | Export-DiagnosticReport -Path $path -Format Markdown | Out-Null
        Get-Content -Raw -LiteralPath $path | Should -Match '^# ConnDiag report'
    }

    It 'reads the JSON text conndiag --json writes, line by line from Get-Content' {
        $json = Join-Path $TestDrive 'report.json'
        # The module's own JSON shape: what conndiag endpoint --json prints.
        [ConnDiag.Serialization.ConnDiagJson]::ToElement($report).GetRawText() | Set-Content -LiteralPath $json
        $path = Join-Path $TestDrive 'from-json.html'
        Get-Content -LiteralPath $json | Export-DiagnosticReport -Path $path | Out-Null
        Get-Content -Raw -LiteralPath $path | Should -Match 'data-code="TCP.REFUSED"'
    }

    It 'refuses an object that is not a report, naming the expected shape' {
        $path = Join-Path $TestDrive 'not-a-report.html'
        $tcp = Test-TcpPort -TargetName 127.0.0.1 -Port $port -ErrorAction SilentlyContinue
        { $tcp | Export-DiagnosticReport -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportInputInvalid,ConnDiag.Commands.ExportDiagnosticReportCommand'
        Test-Path -LiteralPath $path | Should -BeFalse
    }
}

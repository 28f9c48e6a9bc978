#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Test-SystemdUnit on the staged module, over unit trees written to $TestDrive (read with -Root).

Describe 'Test-SystemdUnit' -Tag 'Unit' -Skip:(-not $IsLinux) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force

        $script:root = Join-Path $TestDrive 'sysroot'
        $script:units = Join-Path $root 'etc/systemd/system'
        New-Item -ItemType Directory -Path $units, (Join-Path $root 'usr/bin'), (Join-Path $root 'opt/app') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $root 'etc/passwd') -Value 'root:x:0:0:root:/root:/bin/bash', 'app:x:990:990::/opt/app:/usr/sbin/nologin'
        New-Item -ItemType SymbolicLink -Path (Join-Path $root 'usr/bin/env') -Target '/usr/bin/env' | Out-Null
        $script:server = Join-Path $root 'opt/app/server'
        Set-Content -LiteralPath $server -Value '#!/bin/sh', 'exit 0'
        & chmod 755 $server

        $sound = @'
[Unit]
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/opt/app/server --flag
User=app
Restart=on-failure
'@
        Set-Content -LiteralPath (Join-Path $units 'sound.service') -Value $sound
        Set-Content -LiteralPath (Join-Path $units 'added.service') -Value $sound
        New-Item -ItemType Directory -Path (Join-Path $units 'added.service.d') | Out-Null
        Set-Content -LiteralPath (Join-Path $units 'added.service.d/override.conf') -Value '[Service]', 'ExecStart=/opt/app/server --other'
        Set-Content -LiteralPath (Join-Path $units 'ordering.service') -Value ($sound -replace 'After=network-online.target', 'After=network.target')
        $script:loose = Join-Path $TestDrive 'loose.service'
        Set-Content -LiteralPath $loose -Value '[Service]', 'ExecStart=/opt/app/missing', 'User=app'
    }

    It 'returns a SystemdUnitReport with the six stages for a sound unit' {
        $report = Test-SystemdUnit sound -Root $root
        $report | Should -BeOfType ([ConnDiag.Services.SystemdUnitReport])
        $report.Unit | Should -Be 'sound.service'
        $report.UnitFile | Should -Be (Join-Path $units 'sound.service')
        @($report.Stages.Stage) | Should -Be @('unit-file', 'exec', 'ordering', 'settings', 'runtime', 'listen')
        $report.IsHealthy | Should -BeTrue
        $report.Outcome | Should -Not -Be 'Fail'
    }

    It 'reports a drop-in that adds a second ExecStart as a non-terminating SERVICE.UNIT_INVALID error' {
        $report = Test-SystemdUnit -Name added -Root $root -ErrorVariable errs -ErrorAction SilentlyContinue
        $report.Findings.Code | Should -Contain 'SERVICE.UNIT_INVALID'
        $report.DropIns | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SERVICE.UNIT_INVALID,*'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'empty ExecStart= line'
    }

    It 'warns about network-online ordering without failing' {
        $report = Test-SystemdUnit ordering -Root $root -WarningVariable warns -WarningAction SilentlyContinue
        $report.Findings.Code | Should -Contain 'SERVICE.ORDERING'
        $report.IsHealthy | Should -BeTrue
        $warns | Should -Not -BeNullOrEmpty
    }

    It 'checks a file by -Path and names the missing program' {
        $report = Test-SystemdUnit -Path $loose -Root $root -ErrorAction SilentlyContinue
        ($report.Findings | Where-Object Code -eq 'SERVICE.EXEC_MISSING').Summary | Should -Match '/opt/app/missing, which does not exist'
    }

    It 'returns only a bool with -Quiet' {
        Test-SystemdUnit sound -Root $root -Quiet | Should -BeTrue
        Test-SystemdUnit added -Root $root -Quiet -ErrorAction Stop | Should -BeFalse
    }

    It 'takes unit names from the pipeline' {
        $reports = 'sound', 'ordering' | Test-SystemdUnit -Root $root -WarningAction SilentlyContinue
        @($reports.Unit) | Should -Be @('sound.service', 'ordering.service')
    }

    It 'follows a port from Get-PortOwner to the process cgroup and says when it is in no service' {
        $listener = New-LoopbackListener
        try {
            $report = Get-PortOwner $listener.LocalEndpoint.Port | Test-SystemdUnit -Root $root -ErrorAction SilentlyContinue
            $report.Findings[0].Code | Should -Be 'SERVICE.UNIT_NOT_FOUND'
            $report.Findings[0].Summary | Should -Match "PID $PID"
        }
        finally {
            $listener.Stop()
        }
    }

    It 'reports bad input as a non-terminating error naming the problem' {
        Test-SystemdUnit 'a/b' -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SystemdUnitInvalidName,*'
        Test-SystemdUnit -Path (Join-Path $TestDrive 'none.service') -ErrorVariable errs2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'SystemdUnitNotFound,*'
    }
}

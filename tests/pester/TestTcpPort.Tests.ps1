#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Test-TcpPort on the staged module, against real loopback listeners.

Describe 'Test-TcpPort' -Tag 'Loopback' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force
        $script:listener = New-LoopbackListener
        $script:open = $listener.LocalEndpoint.Port
        $script:closed = Get-ClosedLoopbackPort
        $script:fqidPattern = '^(TCP\.REFUSED|LOCAL\.NOT_LISTENING),ConnDiag\.Commands\.TestTcpPortCommand$'
    }

    AfterAll {
        $listener.Stop()
    }

    Context 'an open port' {
        It 'returns a TcpPortResult that Succeeded' {
            $r = Test-TcpPort -TargetName 127.0.0.1 -Port $open
            $r | Should -HaveCount 1
            $r | Should -BeOfType ([ConnDiag.Tcp.TcpPortResult])
            $r.Succeeded | Should -BeTrue
            $r.Status | Should -Be 'Open'
            $r.Port | Should -Be $open
            $r.RemoteAddress.ToString() | Should -Be '127.0.0.1'
            $r.Attempts | Should -HaveCount 1
            $r.Attempts[0].State | Should -Be 'Open'
            $r.Findings | Should -HaveCount 0
        }

        It 'takes the port from a host:port target' {
            $r = Test-TcpPort "127.0.0.1:$open"
            $r.Succeeded | Should -BeTrue
            $r.Port | Should -Be $open
        }

        It 'writes no error' {
            $null = Test-TcpPort 127.0.0.1 $open -ErrorVariable err
            $err | Should -HaveCount 0
        }
    }

    Context 'a closed port' {
        It 'returns a failed result and one non-terminating error named by the finding code' {
            $r = Test-TcpPort -TargetName 127.0.0.1 -Port $closed -ErrorVariable err -ErrorAction SilentlyContinue
            $r.Succeeded | Should -BeFalse
            $r.Status | Should -Be 'Failed'
            $r.Attempts[0].State | Should -Be 'Closed'
            $r.Findings.Code | Should -Contain 'TCP.REFUSED'

            $err | Should -HaveCount 1
            # A LOCAL finding explains the refusal when the listener table is readable, and then names the error.
            $expected = if ($r.Findings.Code -contains 'LOCAL.NOT_LISTENING') { 'LOCAL.NOT_LISTENING' } else { 'TCP.REFUSED' }
            $err[0].FullyQualifiedErrorId | Should -BeExactly "$expected,ConnDiag.Commands.TestTcpPortCommand"
            $err[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            $err[0].TargetObject | Should -Be $r
            $err[0].Exception.Finding.Code | Should -BeExactly $expected
        }

        It 'explains the refusal from the listener table on Linux' -Skip:(-not $IsLinux) {
            $r = Test-TcpPort 127.0.0.1 $closed -ErrorAction SilentlyContinue
            $r.Findings.Code | Should -Contain 'LOCAL.NOT_LISTENING'
        }

        It 'throws under -ErrorAction Stop' {
            $e = { Test-TcpPort 127.0.0.1 $closed -ErrorAction Stop } | Should -Throw -ErrorId '*,ConnDiag.Commands.TestTcpPortCommand' -PassThru
            $e.FullyQualifiedErrorId | Should -Match $fqidPattern
        }
    }

    Context '-Quiet' {
        It 'returns one bool per target and port and writes no errors' {
            $q = Test-TcpPort -TargetName 127.0.0.1 -Port $open, $closed -Quiet -ErrorVariable err
            $q | Should -HaveCount 2
            foreach ($value in $q) {
                $value | Should -BeOfType ([bool])
            }
            $q | Should -Contain $true
            $q | Should -Contain $false
            $err | Should -HaveCount 0
        }

        It 'works as an if condition' {
            $reached = if (Test-TcpPort 127.0.0.1 $open -Quiet) { 'yes' } else { 'no' }
            $reached | Should -Be 'yes'
            $refused = if (Test-TcpPort 127.0.0.1 $closed -Quiet) { 'yes' } else { 'no' }
            $refused | Should -Be 'no'
        }
    }

    Context 'pipeline input' {
        It 'binds ComputerName and Port by property name' {
            $targets = @(
                [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $open }
                [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $closed }
            )
            $r = $targets | Test-TcpPort -ErrorAction SilentlyContinue
            $r | Should -HaveCount 2
            ($r | Where-Object Port -EQ $open).Succeeded | Should -BeTrue
            ($r | Where-Object Port -EQ $closed).Succeeded | Should -BeFalse
        }

        It 'binds the RemoteAddress and RemotePort aliases' {
            $r = [pscustomobject]@{ RemoteAddress = '127.0.0.1'; RemotePort = $open } | Test-TcpPort
            $r.Succeeded | Should -BeTrue
        }

        It 'takes target names by value' {
            $r = '127.0.0.1' | Test-TcpPort -Port $open
            $r.TargetName | Should -Be '127.0.0.1'
            $r.Succeeded | Should -BeTrue
        }

        It 'takes its own results back, to retry them' {
            $r = Test-TcpPort 127.0.0.1 $open | Test-TcpPort -TimeoutSeconds 5
            $r.Port | Should -Be $open
            $r.Succeeded | Should -BeTrue
        }
    }

    Context 'sweeps' {
        It 'returns one result per target and port under a throttle' {
            $ports = @(@($open) + @(1..9 | ForEach-Object { Get-ClosedLoopbackPort }) | Select-Object -Unique)
            $r = Test-TcpPort -TargetName '127.0.0.1', 'localhost' -Port $ports -ThrottleLimit 4 -TimeoutSeconds 2 -ErrorAction SilentlyContinue
            $r | Should -HaveCount (2 * $ports.Count)
            ($r | Group-Object -Property 'TargetName', 'Port' | Where-Object Count -GT 1) | Should -BeNullOrEmpty
            ($r | Where-Object { $_.TargetName -eq '127.0.0.1' -and $_.Port -eq $open }).Succeeded | Should -BeTrue
        }
    }

    Context 'resolvers' {
        It 'resolves localhost with the operating system resolver when asked to' {
            $r = Test-TcpPort -TargetName 'localhost' -Port $open -IPv4 -UseSystemResolver -TimeoutSeconds 2
            $r.Attempts[0].RemoteAddress.ToString() | Should -BeExactly '127.0.0.1'
            $r.Succeeded | Should -BeTrue
        }
    }

    Context 'invalid input' {
        It 'rejects -IPv4 together with -IPv6' {
            { Test-TcpPort 127.0.0.1 $open -IPv4 -IPv6 } | Should -Throw -ErrorId 'IPv4AndIPv6,ConnDiag.Commands.TestTcpPortCommand'
        }

        It 'reports a target without a port' {
            $null = Test-TcpPort 127.0.0.1 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'NoPort,ConnDiag.Commands.TestTcpPortCommand'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'reports a malformed target and goes on with the others' {
            $r = Test-TcpPort '127.0.0.1:99999', "127.0.0.1:$open" -ErrorVariable err -ErrorAction SilentlyContinue
            $r | Should -HaveCount 1
            $r.Succeeded | Should -BeTrue
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTarget,ConnDiag.Commands.TestTcpPortCommand'
            $err[0].Exception.Message | Should -Match '99999'
        }

        It 'validates the port range' {
            { Test-TcpPort 127.0.0.1 -Port 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ConnDiag.Commands.TestTcpPortCommand'
        }
    }

    Context 'formatting' {
        It 'shows results as a table with the default columns' {
            $text = Test-TcpPort 127.0.0.1 $open | Format-Table | Out-String
            $text | Should -Match 'TargetName\s+Port\s+Status\s+RemoteAddress\s+ConnectMs\s+Findings'
            $text | Should -Match "127\.0\.0\.1\s+$open\s+Open"
        }

        It 'shows attempts and findings as tables' {
            $r = Test-TcpPort 127.0.0.1 $closed -ErrorAction SilentlyContinue
            ($r.Attempts | Format-Table | Out-String) | Should -Match 'RemoteAddress\s+Port\s+State\s+ConnectMs\s+SocketError\s+Detail'
            ($r.Findings | Format-Table | Out-String) | Should -Match 'Code\s+Severity\s+Summary'
            ($r | Format-Table | Out-String) | Should -Match 'TCP\.REFUSED'
        }
    }
}

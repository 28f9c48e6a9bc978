#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Test-ClockSkew on the staged module: chronyd -x on a loopback port (it never touches
# the system clock), the same under libfaketime an hour ahead, and a UDP socket that never answers.
# No test calls Test-ClockSkew without a source: that would ask the machine's configured NTP server.

BeforeDiscovery {
    $script:hasChrony = $IsLinux -and [bool](Get-Command chronyd -ErrorAction SilentlyContinue)
    $script:fakeTimeLib = if ($IsLinux) {
        Get-ChildItem -Path '/usr/lib/*/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1' -ErrorAction SilentlyContinue |
            Select-Object -First 1 -ExpandProperty FullName
    }
}

Describe 'Test-ClockSkew' -Tag 'Loopback' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force

        # chronyd serving its own clock on a free loopback UDP port; -x: never adjust the system clock.
        function Start-TestChrony {
            param([string] $FakeTime)
            $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("conndiag-pester-chrony-" + [guid]::NewGuid())
            $null = New-Item -ItemType Directory -Path $dir
            $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
            $port = $udp.Client.LocalEndPoint.Port
            $udp.Dispose()
            @(
                "port $port"
                'bindaddress 127.0.0.1'
                'allow 127.0.0.1'
                'local stratum 8'
                'cmdport 0'
                'bindcmdaddress /'
                "pidfile $dir/chronyd.pid"
                "driftfile $dir/drift"
            ) | Set-Content -LiteralPath "$dir/chrony.conf"
            $psi = [System.Diagnostics.ProcessStartInfo]::new('chronyd')
            foreach ($arg in '-d', '-x', '-u', 'root', '-f', "$dir/chrony.conf") { $psi.ArgumentList.Add($arg) }
            $psi.UseShellExecute = $false
            $psi.RedirectStandardError = $true
            if ($FakeTime) {
                # Preloaded, not through the faketime wrapper, so the PID stopped below is chronyd's own.
                $psi.Environment['LD_PRELOAD'] = $fakeTimeLib
                $psi.Environment['FAKETIME'] = $FakeTime
            }
            $process = [System.Diagnostics.Process]::Start($psi)
            $null = $process.StandardError.ReadToEndAsync()
            # Ready when it answers: bounded polling with a bare client packet.
            $client = [System.Net.Sockets.UdpClient]::new()
            $client.Client.ReceiveTimeout = 200
            $client.Connect('127.0.0.1', $port)
            $request = [byte[]]::new(48)
            $request[0] = 0x23
            $request[47] = 1
            $ready = $false
            for ($i = 0; $i -lt 50 -and -not $ready -and -not $process.HasExited; $i++) {
                try {
                    $null = $client.Send($request, 48)
                    $from = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
                    $ready = $client.Receive([ref]$from).Length -ge 48
                } catch [System.Net.Sockets.SocketException] {
                    Start-Sleep -Milliseconds 50
                }
            }
            $client.Dispose()
            if (-not $ready) { throw "chronyd did not answer on 127.0.0.1:$port" }
            [pscustomobject]@{ Process = $process; Port = $port; Directory = $dir }
        }

        function Stop-TestChrony {
            param($Server)
            if (-not $Server) { return }
            # SIGTERM lets chronyd (and libfaketime's exit handler, which removes its /dev/shm files) finish.
            if (-not $Server.Process.HasExited) { & kill -TERM $Server.Process.Id }
            if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
            $Server.Process.Dispose()
            Remove-Item -LiteralPath $Server.Directory -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    Context 'against chronyd on loopback' -Skip:(-not $hasChrony) {
        BeforeAll {
            $script:chrony = Start-TestChrony
            $script:server = "127.0.0.1:$($chrony.Port)"
        }

        AfterAll {
            Stop-TestChrony $chrony
        }

        It 'returns a ClockSkewResult with a small offset and no finding or error' {
            $r = Test-ClockSkew -NtpServer $server -ErrorVariable err
            $r | Should -HaveCount 1
            $r | Should -BeOfType ([ConnDiag.Clock.ClockSkewResult])
            $r.Succeeded | Should -BeTrue
            $r.Method | Should -Be 'Ntp'
            $r.Source | Should -Be $server
            [math]::Abs($r.OffsetMs) | Should -BeLessThan 500
            $r.Offset | Should -BeOfType ([TimeSpan])
            $r.Stratum | Should -Be 8
            $r.Findings | Should -HaveCount 0
            $r.IsSkewed | Should -BeFalse
            $err | Should -HaveCount 0
        }

        It 'takes server names from the pipeline' {
            $r = $server, $server | Test-ClockSkew
            $r | Should -HaveCount 2
            $r.Source | Should -Be @($server, $server)
        }

        It 'measures -Uri once even when server names come from the pipeline' -Skip:(-not (Get-Command python3 -ErrorAction SilentlyContinue)) {
            $port = Get-ClosedLoopbackPort
            $psi = [System.Diagnostics.ProcessStartInfo]::new('python3')
            foreach ($arg in '-m', 'http.server', '--bind', '127.0.0.1', "$port") { $psi.ArgumentList.Add($arg) }
            $psi.UseShellExecute = $false
            $psi.RedirectStandardError = $true
            $psi.WorkingDirectory = $chrony.Directory
            $http = [System.Diagnostics.Process]::Start($psi)
            try {
                $null = $http.StandardError.ReadToEndAsync()
                $deadline = [DateTime]::UtcNow.AddSeconds(15)
                while ([DateTime]::UtcNow -lt $deadline) {
                    $probe = [System.Net.Sockets.TcpClient]::new()
                    try { $probe.Connect('127.0.0.1', $port); break } catch { Start-Sleep -Milliseconds 100 } finally { $probe.Dispose() }
                }
                $r = $server, $server | Test-ClockSkew -Uri "http://127.0.0.1:$port/"
                $r | Should -HaveCount 3
                @($r | Where-Object Method -EQ 'HttpDate') | Should -HaveCount 1
                ($r | Where-Object Method -EQ 'HttpDate').Succeeded | Should -BeTrue
            } finally {
                $http.Kill()
                $null = $http.WaitForExit(10000)
                $http.Dispose()
            }
        }

        It 'shows results as a table with the default columns' {
            $text = Test-ClockSkew $server | Format-Table | Out-String
            $text | Should -Match 'Source\s+Method\s+OffsetMs\s+UncertaintyMs\s+RoundTripMs\s+Stratum\s+Findings'
            $text | Should -Match ([regex]::Escape($server) + '\s+Ntp')
        }
    }

    Context 'against chronyd an hour ahead (libfaketime)' -Skip:(-not ($hasChrony -and $fakeTimeLib)) {
        BeforeAll {
            $script:skewed = Start-TestChrony -FakeTime '+3600s'
            $script:server = "127.0.0.1:$($skewed.Port)"
        }

        AfterAll {
            Stop-TestChrony $skewed
        }

        It 'reports CLOCK.SKEW with the local clock behind, as a result and as an error named by the code' {
            $r = Test-ClockSkew -NtpServer $server -ErrorVariable err -ErrorAction SilentlyContinue
            $r.OffsetMs | Should -BeGreaterThan 3590000
            $r.OffsetMs | Should -BeLessThan 3610000
            $r.IsSkewed | Should -BeTrue
            $r.Findings.Code | Should -Be 'CLOCK.SKEW'
            $r.Findings[0].Summary | Should -Match 'behind'
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'CLOCK.SKEW,ConnDiag.Commands.TestClockSkewCommand'
            $err[0].ErrorDetails.RecommendedAction | Should -Match 'timedatectl set-ntp true'
            $err[0].TargetObject | Should -Be $r
        }

        It 'translates a local time to the server''s clock' {
            $r = Test-ClockSkew -NtpServer $server -ErrorAction SilentlyContinue
            $local = [DateTimeOffset]::new(2026, 1, 1, 0, 0, 0, [TimeSpan]::Zero)
            ($r.ToSourceTime($local) - $local).TotalMinutes | Should -BeGreaterThan 59
            ($r.ToSourceTime($local) - $local).TotalMinutes | Should -BeLessThan 61
        }

        It 'accepts the skew under a larger -MaximumOffsetSeconds' {
            $r = Test-ClockSkew -NtpServer $server -MaximumOffsetSeconds 7200 -ErrorVariable err
            $r.IsSkewed | Should -BeFalse
            $r.MaximumOffsetMs | Should -Be 7200000
            $err | Should -HaveCount 0
        }
    }

    Context 'a server that never answers' {
        BeforeAll {
            $script:silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
            $script:silentServer = "127.0.0.1:$($silent.Client.LocalEndPoint.Port)"
        }

        AfterAll {
            $silent.Dispose()
        }

        It 'returns an unsuccessful result and a CLOCK.NO_RESPONSE error' {
            $r = Test-ClockSkew -NtpServer $silentServer -TimeoutSeconds 1 -ErrorVariable err -ErrorAction SilentlyContinue
            $r.Succeeded | Should -BeFalse
            $r.OffsetMs | Should -BeNullOrEmpty
            $r.Requests | Should -Be 3
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'CLOCK.NO_RESPONSE,ConnDiag.Commands.TestClockSkewCommand'
        }
    }

    Context 'invalid input' {
        It 'rejects a URL given as an NTP server and says to use -Uri' {
            $null = Test-ClockSkew -NtpServer 'https://time.example.com/' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidNtpServer,ConnDiag.Commands.TestClockSkewCommand'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].Exception.Message | Should -Match '-Uri'
        }

        It 'rejects a URL that is not http or https' {
            $null = Test-ClockSkew -Uri 'ftp://example.com/' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidUri,ConnDiag.Commands.TestClockSkewCommand'
            $err[0].Exception.Message | Should -Match "scheme 'ftp'"
        }

        It 'validates the timeout range' {
            { Test-ClockSkew -NtpServer 127.0.0.1 -TimeoutSeconds 0 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,ConnDiag.Commands.TestClockSkewCommand'
        }

        It 'validates that the allowed offset is not negative' {
            { Test-ClockSkew -NtpServer 127.0.0.1 -MaximumOffsetSeconds -1 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,ConnDiag.Commands.TestClockSkewCommand'
        }
    }
}

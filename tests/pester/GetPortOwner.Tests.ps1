#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Get-PortOwner on the staged module: a listener of this process, a child process
# listener, and the pipeline into Stop-Process (with -WhatIf, so nothing is stopped).

Describe 'Get-PortOwner' -Tag 'Loopback' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force
        $script:listener = New-LoopbackListener
        $script:ownPort = $listener.LocalEndpoint.Port
        $script:child = Start-ChildListener
        $script:closed = Get-ClosedLoopbackPort
    }

    AfterAll {
        $listener.Stop()
        Stop-ChildListener $child
    }

    It 'finds this process as the owner of a listener it opened' {
        $owners = Get-PortOwner -Port $ownPort
        $owners | Should -Not -BeNullOrEmpty
        foreach ($o in $owners) {
            $o | Should -BeOfType ([ConnDiag.Ports.PortOwner])
        }
        $mine = @($owners | Where-Object Id -EQ $PID)
        $mine | Should -HaveCount 1
        $mine[0].Protocol | Should -Be 'Tcp'
        $mine[0].State | Should -Be 'Listen'
        $mine[0].LocalPort | Should -Be $ownPort
        $mine[0].LocalAddress.ToString() | Should -Be '127.0.0.1'
        $mine[0].BindScope | Should -Be 'Loopback'
        $mine[0].OwnerVisible | Should -BeTrue
        $mine[0].ProcessName | Should -Not -BeNullOrEmpty
    }

    It 'finds a child process listener by its PID' {
        $owners = Get-PortOwner $child.Port
        $owners.Id | Should -Contain $child.Process.Id
        ($owners | Where-Object Id -EQ $child.Process.Id).CommandLine | Should -Match 'TcpListener'
    }

    It 'pipes into Stop-Process -WhatIf, binding Id by property name, and stops nothing' {
        $trace = Join-Path $TestDrive 'binding.txt'
        Trace-Command -Name ParameterBinding -FilePath $trace -Expression {
            Get-PortOwner $child.Port | Stop-Process -WhatIf -ErrorAction Stop
        }
        $bound = Get-Content -Raw -LiteralPath $trace
        $bound | Should -Match "BIND arg \[[^\]]*$($child.Process.Id)[^\]]*\] to param(eter)? \[Id\]"
        $bound | Should -Not -Match 'to param \[Name\] SUCCESSFUL'
        $child.Process.HasExited | Should -BeFalse
        (Get-Process -Id $child.Process.Id).Id | Should -Be $child.Process.Id
    }

    It 'lists every listener when no port is given' {
        $all = Get-PortOwner
        $all.LocalPort | Should -Contain $ownPort
        $all.LocalPort | Should -Contain $child.Port
        ($all | Where-Object { $_.Protocol -eq 'Tcp' -and $_.State -ne 'Listen' }) | Should -BeNullOrEmpty
    }

    It 'takes ports from the pipeline by value and by property name' {
        ($ownPort | Get-PortOwner).Id | Should -Contain $PID
        ([pscustomobject]@{ LocalPort = $ownPort } | Get-PortOwner).Id | Should -Contain $PID
        (Test-TcpPort 127.0.0.1 $ownPort | Get-PortOwner).Id | Should -Contain $PID
    }

    It 'filters by protocol' {
        (Get-PortOwner $ownPort -Protocol Tcp).Id | Should -Contain $PID
        $udp = Get-PortOwner $ownPort -Protocol Udp -ErrorVariable err -ErrorAction SilentlyContinue
        $udp | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeExactly 'LOCAL.NOT_LISTENING,ConnDiag.Commands.GetPortOwnerCommand'
    }

    It 'writes LOCAL.NOT_LISTENING for a port nothing uses' {
        $none = Get-PortOwner $closed -ErrorVariable err -ErrorAction SilentlyContinue
        $none | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly 'LOCAL.NOT_LISTENING,ConnDiag.Commands.GetPortOwnerCommand'
        $err[0].TargetObject | Should -Be $closed
        $err[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'validates the port range' {
        { Get-PortOwner -Port 70000 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ConnDiag.Commands.GetPortOwnerCommand'
    }

    It 'shows owners as a table with the default columns' {
        $text = Get-PortOwner $ownPort | Format-Table | Out-String
        $text | Should -Match 'Protocol\s+LocalAddress\s+LocalPort\s+State\s+Id\s+ProcessName\s+User\s+BindScope'
        $text | Should -Match "Tcp\s+127\.0\.0\.1\s+$ownPort\s+Listen\s+$PID"
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Resolve-DnsRecord on the staged module, against a real dnsmasq on a loopback port.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DnsTestHelpers.ps1')
    $script:noDnsmasq = -not (Test-DnsmasqAvailable)
}

Describe 'Resolve-DnsRecord' -Tag 'Loopback' -Skip:$noDnsmasq {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        . (Join-Path $PSScriptRoot 'DnsTestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force
        $script:dns = Start-TestDnsmasq
        $script:server = $dns.Server
    }

    AfterAll {
        Stop-TestDnsmasq $dns
    }

    Context 'answers' {
        It 'returns a DnsAnswer with the A record' {
            $a = Resolve-DnsRecord host.claude.test -Server $server
            $a | Should -HaveCount 1
            $a | Should -BeOfType ([ConnDiag.Dns.Client.DnsAnswer])
            $a.Name | Should -Be 'host.claude.test.'
            $a.Status | Should -Be 'NOERROR'
            $a.Succeeded | Should -BeTrue
            $a.Answers[0].Data | Should -Be '127.0.0.2'
            $a.Answers[0].Address.ToString() | Should -Be '127.0.0.2'
            $a.Attempts | Should -HaveCount 1
            $a.Attempts[0].Outcome | Should -Be 'Answered'
            $a.Findings | Should -HaveCount 0
        }

        It 'asks for the type given by position' {
            $a = Resolve-DnsRecord host.claude.test AAAA -Server $server
            $a.Type | Should -Be 'AAAA'
            $a.Answers[0].Data | Should -Be '::2'
        }

        It 'keeps the strings of a TXT record apart' {
            $a = Resolve-DnsRecord host.claude.test TXT -Server $server
            $a.Answers[0].Strings | Should -Be @('v=spf1 -all', 'second string')
        }

        It 'follows nothing itself but returns the whole CNAME chain' {
            $a = Resolve-DnsRecord alias.claude.test -Server $server
            $a.Answers.Type | Should -Be @('CNAME', 'A')
        }

        It 'asks over TCP with -Tcp' {
            $a = Resolve-DnsRecord host.claude.test -Server $server -Tcp
            $a.Transport | Should -Be 'Tcp'
            $a.Attempts[0].Transport | Should -Be 'Tcp'
        }

        It 'clears RD with -NoRecursion' {
            (Resolve-DnsRecord host.claude.test -Server $server -NoRecursion).Header.RecursionDesired | Should -BeFalse
        }

        It 'returns one answer per name and server, in order' {
            $a = Resolve-DnsRecord 'host.claude.test', 'alias.claude.test' -Server $server, "tcp://$server"
            $a | Should -HaveCount 4
            $a.Name | Should -Be @('host.claude.test.', 'host.claude.test.', 'alias.claude.test.', 'alias.claude.test.')
            $a.Server | Should -Be @($server, "tcp://$server", $server, "tcp://$server")
        }

        It 'takes names from the pipeline' {
            $a = 'host.claude.test', 'alias.claude.test' | Resolve-DnsRecord -Server $server
            $a | Should -HaveCount 2
        }
    }

    Context 'failures' {
        It 'writes the answer and a DNS.NXDOMAIN error' {
            $a = Resolve-DnsRecord nope.nx.test -Server $server -ErrorVariable err -ErrorAction SilentlyContinue
            $a.Status | Should -Be 'NXDOMAIN'
            $a.Succeeded | Should -BeFalse
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'DNS.NXDOMAIN,ConnDiag.Commands.ResolveDnsRecordCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $a
        }

        It 'writes DNS.REFUSED for a name the server does not serve' {
            $null = Resolve-DnsRecord example.com -Server $server -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'DNS.REFUSED,ConnDiag.Commands.ResolveDnsRecordCommand'
        }

        It 'writes DNS.TIMEOUT for a silent server' {
            $silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
            try {
                $a = Resolve-DnsRecord host.claude.test -Server "127.0.0.1:$($silent.Client.LocalEndPoint.Port)" -TimeoutSeconds 1 -ErrorVariable err -ErrorAction SilentlyContinue
                $a.Attempts | Should -HaveCount 3
                $err[0].FullyQualifiedErrorId | Should -BeExactly 'DNS.TIMEOUT,ConnDiag.Commands.ResolveDnsRecordCommand'
            } finally {
                $silent.Dispose()
            }
        }

        It 'stops on a malformed -Server' {
            { Resolve-DnsRecord host.claude.test -Server 'dns.example' } | Should -Throw -ErrorId 'InvalidServer,ConnDiag.Commands.ResolveDnsRecordCommand'
        }

        It 'reports a malformed name and goes on with the others' {
            $a = Resolve-DnsRecord 'a..b', 'host.claude.test' -Server $server -ErrorVariable err -ErrorAction SilentlyContinue
            $a | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidName,ConnDiag.Commands.ResolveDnsRecordCommand'
        }
    }
}

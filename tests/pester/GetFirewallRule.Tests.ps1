#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Get-FirewallRule on the staged module: real nftables and iptables rules loaded into a
# network namespace the test creates (needs Linux, root, ip, nft and iptables), read back through -NetworkNamespace.

$canRun = $IsLinux -and ((id -u) -eq '0') -and (Get-Command nft -ErrorAction SilentlyContinue) -and
    (Get-Command ip -ErrorAction SilentlyContinue) -and (Get-Command iptables -ErrorAction SilentlyContinue)

Describe 'Get-FirewallRule' -Tag 'Namespace' -Skip:(-not $canRun) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force
        $script:ns = 'cdpester{0}' -f $PID
        ip netns add $ns
        $rules = @'
table inet cdpester {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 3456 counter drop
    tcp dport { 80, 443 } reject with icmpx type admin-prohibited
    tcp dport 5000-5100 drop
    udp dport 5353 drop
  }
  chain routed {
    type filter hook forward priority 0; policy drop;
  }
}
'@
        $rules | ip netns exec $ns nft '-f' '-'
        ip netns exec $ns iptables '-A' 'INPUT' '-p' 'tcp' '--dport' '7011' '-j' 'REJECT' '--reject-with' 'tcp-reset'
    }

    AfterAll {
        ip netns del $ns
    }

    It 'names the drop rule for a port with its table, chain, hook and handle' {
        $rules = @(Get-FirewallRule -Port 3456 -Protocol Tcp -Direction Inbound -NetworkNamespace $ns |
            Where-Object { $_.Ports.Count -gt 0 })
        $rules | Should -HaveCount 1
        $rules[0] | Should -BeOfType ([ConnDiag.Firewall.FirewallRule])
        $rules[0].Table | Should -Be 'cdpester'
        $rules[0].Chain | Should -Be 'input'
        $rules[0].Hook | Should -Be 'input'
        $rules[0].Verdict | Should -Be 'Drop'
        $rules[0].Handle | Should -BeGreaterThan 0
        $rules[0].RuleText | Should -Match '^tcp dport 3456 counter packets \d+ bytes \d+ drop$'
    }

    It 'matches a port inside a set or a range and not outside' {
        (Get-FirewallRule 443 -NetworkNamespace $ns | Where-Object Verdict -EQ 'Reject').RejectType | Should -Be 'icmpx admin-prohibited'
        @(Get-FirewallRule 5050 -NetworkNamespace $ns | Where-Object { $_.Ports.Count -gt 0 }) | Should -HaveCount 1
        @(Get-FirewallRule 5101 -NetworkNamespace $ns -Backend Nftables | Where-Object { $_.Ports.Count -gt 0 }) | Should -HaveCount 0
    }

    It 'keeps a drop policy for any port in its direction only' {
        $forward = @(Get-FirewallRule 3456 -Direction Forward -NetworkNamespace $ns -Backend Nftables)
        $forward | Should -HaveCount 1
        $forward[0].IsPolicy | Should -BeTrue
        $forward[0].Policy | Should -Be 'drop'
    }

    It 'reads iptables rules from iptables-save and binds Port by property name' {
        $rule = [pscustomobject]@{ LocalPort = 7011 } | Get-FirewallRule -NetworkNamespace $ns | Where-Object Backend -EQ 'Iptables' |
            Where-Object { $_.Ports.Count -gt 0 }
        $rule.RuleText | Should -BeExactly '-A INPUT -p tcp -m tcp --dport 7011 -j REJECT --reject-with tcp-reset'
        $rule.RejectType | Should -Be 'tcp-reset'
    }

    It 'writes LOCAL.FIREWALL_UNREADABLE for a namespace that does not exist' {
        $none = Get-FirewallRule -NetworkNamespace 'cdpester-missing' -Backend Nftables -ErrorVariable err -ErrorAction SilentlyContinue
        $none | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeExactly 'LOCAL.FIREWALL_UNREADABLE,ConnDiag.Commands.GetFirewallRuleCommand'
        $err[0].Exception.Message | Should -Match 'does not exist'
    }

    It 'refuses a namespace name that is a path' {
        { Get-FirewallRule -NetworkNamespace '../etc' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidNetworkNamespace,ConnDiag.Commands.GetFirewallRuleCommand'
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# End-to-end tests of Test-TlsChain on the staged module. Certificates are made here with .NET's
# CertificateRequest (root -> intermediate -> leaf, per run) and trusted only through -CaBundle; the
# online cases serve them with `openssl s_server` children on loopback, stopped by their Id.

BeforeDiscovery {
    $script:hasOpenSsl = [bool](Get-Command openssl -ErrorAction SilentlyContinue)
}

Describe 'Test-TlsChain' -Tag 'Loopback' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        Import-Module (Get-StagedManifest) -Force
        $script:dir = Join-Path ([System.IO.Path]::GetTempPath()) ("conndiag-pester-tls-" + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir

        function New-TestCert {
            param([string] $Name, $Issuer, $IssuerKey, [switch] $Ca, [string[]] $Dns = @(), [int] $Days = 90)
            $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve]::CreateFromFriendlyName('nistP256'))
            $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new("CN=$Name", $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256)
            $req.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($Ca.IsPresent, $false, 0, $true))
            if ($Dns.Count -gt 0) {
                $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
                foreach ($d in $Dns) { $san.AddDnsName($d) }
                $req.CertificateExtensions.Add($san.Build())
            }
            $notBefore = [DateTimeOffset]::UtcNow.AddDays(-1)
            $notAfter = [DateTimeOffset]::UtcNow.AddDays($Days)
            if ($null -eq $Issuer) {
                $cert = $req.CreateSelfSigned($notBefore, $notAfter)
            } else {
                $generator = [System.Security.Cryptography.X509Certificates.X509SignatureGenerator]::CreateForECDsa($IssuerKey)
                $serial = [byte[]](1..16 | ForEach-Object { Get-Random -Minimum 1 -Maximum 127 })
                $cert = $req.Create($Issuer.SubjectName, $generator, $notBefore, $notAfter, $serial)
            }
            [pscustomobject]@{ Certificate = $cert; Key = $key; Pem = $cert.ExportCertificatePem(); KeyPem = $key.ExportPkcs8PrivateKeyPem() }
        }

        $script:root = New-TestCert -Name 'Pester Root' -Ca -Days 3650
        $script:inter = New-TestCert -Name 'Pester Intermediate' -Issuer $root.Certificate -IssuerKey $root.Key -Ca -Days 3650
        $script:leaf = New-TestCert -Name 'localhost' -Issuer $inter.Certificate -IssuerKey $inter.Key -Dns 'localhost'
        $script:bundle = Join-Path $dir 'root.pem'
        Set-Content -LiteralPath $bundle -Value $root.Pem -NoNewline
        $script:fullchain = Join-Path $dir 'fullchain.pem'
        Set-Content -LiteralPath $fullchain -Value ($leaf.Pem + "`n" + $inter.Pem) -NoNewline
        $script:interPem = Join-Path $dir 'inter.pem'
        Set-Content -LiteralPath $interPem -Value $inter.Pem -NoNewline
        $script:leafOnly = Join-Path $dir 'leaf.pem'
        Set-Content -LiteralPath $leafOnly -Value $leaf.Pem -NoNewline
        Set-Content -LiteralPath (Join-Path $dir 'leaf.key') -Value $leaf.KeyPem -NoNewline
        $script:garbage = Join-Path $dir 'garbage.crt'
        Set-Content -LiteralPath $garbage -Value 'not a certificate'

        function Start-OpenSslServer {
            param([string[]] $Arguments)
            $psi = [System.Diagnostics.ProcessStartInfo]::new('openssl')
            foreach ($a in @('s_server', '-accept', '127.0.0.1:0', '-www') + $Arguments) { $psi.ArgumentList.Add($a) }
            $psi.UseShellExecute = $false
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $process = [System.Diagnostics.Process]::Start($psi)
            $null = $process.StandardError.ReadToEndAsync()
            $deadline = [DateTime]::UtcNow.AddSeconds(15)
            while ([DateTime]::UtcNow -lt $deadline) {
                $line = $process.StandardOutput.ReadLineAsync()
                if (-not $line.Wait([TimeSpan]::FromSeconds(15)) -or $null -eq $line.Result) { break }
                if ($line.Result -match 'ACCEPT\s+\S*:(\d+)') {
                    $null = $process.StandardOutput.ReadToEndAsync()
                    return [pscustomobject]@{ Process = $process; Port = [int]$Matches[1] }
                }
            }
            $process.Kill()
            throw 'openssl s_server did not report its port'
        }
    }

    AfterAll {
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    Context 'offline -Path' {
        It 'trusts a full chain through -CaBundle and checks the name' {
            $r = Test-TlsChain -Path $fullchain -ServerName localhost -CaBundle $bundle -CaBundleOnly
            $r | Should -BeOfType ([ConnDiag.Tls.TlsChainReport])
            $r.IsTrusted | Should -BeTrue
            $r.HostnameMatches | Should -BeTrue
            $r.Findings | Should -HaveCount 0
            $r.BuiltChain | Should -HaveCount 3
            $r.Certificates[0].Subject | Should -Be 'CN=localhost'
        }

        It 'reports a leaf alone as TLS.CHAIN_INCOMPLETE with an error named by the code' {
            $r = Test-TlsChain -Path $leafOnly -CaBundle $bundle -ErrorVariable err -ErrorAction SilentlyContinue
            $r.Findings.Code | Should -Contain 'TLS.CHAIN_INCOMPLETE'
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'TLS.CHAIN_INCOMPLETE,ConnDiag.Commands.TestTlsChainCommand'
            $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        }

        It 'names a garbage file in a non-terminating error and goes on' {
            $r = Test-TlsChain -Path $garbage, $fullchain -CaBundle $bundle -ErrorVariable err -ErrorAction SilentlyContinue
            $r | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidCertificateFile,ConnDiag.Commands.TestTlsChainCommand'
            $err[0].Exception.Message | Should -Match ([regex]::Escape($garbage))
        }

        It 'takes files from Get-ChildItem by FullName' {
            $r = Get-ChildItem -LiteralPath $fullchain | Test-TlsChain -CaBundle $bundle
            $r.FilePath | Should -Be $fullchain
        }

        It 'rejects a CA bundle that holds no certificate' {
            { Test-TlsChain -Path $fullchain -CaBundle $garbage } | Should -Throw -ErrorId 'InvalidCaBundle,ConnDiag.Commands.TestTlsChainCommand'
        }
    }

    Context 'handshakes with openssl s_server' -Skip:(-not $hasOpenSsl) {
        BeforeAll {
            $script:full = Start-OpenSslServer -Arguments @('-cert', $leafOnly, '-key', (Join-Path $dir 'leaf.key'), '-cert_chain', $interPem)
            $script:bare = Start-OpenSslServer -Arguments @('-cert', $leafOnly, '-key', (Join-Path $dir 'leaf.key'))
        }

        AfterAll {
            foreach ($s in $full, $bare) {
                if ($s -and -not $s.Process.HasExited) { $s.Process.Kill(); $null = $s.Process.WaitForExit(10000) }
            }
        }

        It 'passes a full chain and reports the handshake' {
            $r = Test-TlsChain -TargetName 127.0.0.1 -Port $full.Port -ServerName localhost -CaBundle $bundle -CaBundleOnly
            $r.Succeeded | Should -BeTrue
            $r.Protocol | Should -Be 'Tls13'
            $r.CipherSuite | Should -Match '^TLS_'
            $r.SupportedProtocols | Should -Contain 'Tls12'
            $r.Attempts | Should -HaveCount 1
        }

        It 'binds Test-TcpPort results by property name' {
            $r = Test-TcpPort 127.0.0.1 $bare.Port | Test-TlsChain -ServerName localhost -CaBundle $bundle -ErrorAction SilentlyContinue
            $r.Port | Should -Be $bare.Port
            $r.Findings.Code | Should -Contain 'TLS.CHAIN_INCOMPLETE'
        }

        It 'reports a plain TCP listener that never answers as TLS.HANDSHAKE_TIMEOUT' {
            $silent = New-LoopbackListener
            try {
                $r = Test-TlsChain 127.0.0.1 $silent.LocalEndpoint.Port -TimeoutSeconds 1 -ErrorAction SilentlyContinue
                $r.Findings.Code | Should -Contain 'TLS.HANDSHAKE_TIMEOUT'
            } finally {
                $silent.Stop()
            }
        }
    }
}

#
# Module manifest for ConnDiag.
# ModuleVersion must equal <Version> in Directory.Build.props (tests/ConnDiag.Module.Tests checks it).
#
@{
    RootModule           = 'ConnDiag.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '866af733-072b-4e5f-8a4b-6f96dcb625d0'
    Author               = 'ConnDiag contributors'
    CompanyName          = 'ConnDiag contributors'
    Copyright            = '(c) 2026 ConnDiag contributors. MIT License.'
    Description          = 'Diagnoses connection problems layer by layer (name resolution, TCP, local listeners) and says what it found: concurrent TCP port sweeps that test every address of every target and tell refused, filtered and unreachable apart, and which process owns a port. Typed objects for pipelines; PowerShell 7.4+ on Linux, macOS and Windows.'

    # net8.0 assembly: Windows PowerShell 5.1 (.NET Framework) cannot load it.
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'

    CmdletsToExport      = @(
        'Test-TcpPort'
        'Get-PortOwner'
        'Test-ClockSkew'
        'Get-ResolverConfiguration'
        'Resolve-DnsRecord'
        'Test-TlsChain'
        'Test-Endpoint'
        'Get-ProviderStatus'
        'Test-RouterConfig'
        'Find-ConnectionError'
        'Test-ClaudeConnection'
        'Watch-Endpoint'
        'ConvertTo-PrometheusMetric'
        'Export-DiagnosticReport'
        'Test-SystemdUnit'
        'Get-FirewallRule'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    FormatsToProcess     = @('ConnDiag.Format.ps1xml')

    HelpInfoURI          = 'https://github.com/conndiag/ConnDiag/tree/main/docs'

    PrivateData          = @{
        PSData = @{
            Tags         = @(
                'PSEdition_Core'
                'Linux'
                'MacOS'
                'Windows'
                'Networking'
                'Diagnostics'
                'TCP'
                'DNS'
                'TLS'
                'Claude'
            )
            ProjectUri   = 'https://github.com/conndiag/ConnDiag'
            LicenseUri   = 'https://github.com/conndiag/ConnDiag/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: first release. Test-TcpPort and Get-PortOwner (connect sweep over every address, refused vs filtered vs unreachable, LOCAL findings from the listener table); Resolve-DnsRecord and Get-ResolverConfiguration (own DNS client, resolver comparison); Test-TlsChain and Test-ClockSkew (chain analysis, interception, clock as the cause); Test-Endpoint (layered diagnosis config, dns, tcp, proxy, tls, http with findings and remedies); Get-ProviderStatus (Statuspage v2); Test-RouterConfig (claude-code-router config validation).'
        }
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# The staged module as PowerShell loads it: exports, version, help, and what the folder ships.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:stagedDir = Split-Path -Parent (Get-StagedManifest)
    $script:hasMaml = Test-Path -LiteralPath (Join-Path $stagedDir 'en-US/ConnDiag.dll-Help.xml')
}

Describe 'The ConnDiag module' -Tag 'Unit' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
        $script:manifest = Get-StagedManifest
        # As when installed: the folder above ConnDiag/<version>/ is on PSModulePath, so Get-Help finds the topics.
        $modulesDir = Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $manifest))
        $env:PSModulePath = $modulesDir + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $script:module = Import-Module $manifest -Force -PassThru
    }

    It 'exports exactly the ConnDiag cmdlets, as cmdlets' {
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Find-ConnectionError', 'Get-PortOwner', 'Get-ResolverConfiguration', 'Resolve-DnsRecord', 'Test-ClockSkew', 'Test-Endpoint', 'Test-TcpPort', 'Test-TlsChain')
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'is found by name on PSModulePath' {
        (Get-Module -ListAvailable -Name ConnDiag | Where-Object Path -EQ $module.Path) | Should -Not -BeNullOrEmpty
    }

    It 'has the version of Directory.Build.props and is loaded from the staged folder' {
        $module.Version | Should -Be ([version](Get-ConnDiagVersion))
        Split-Path -Leaf (Split-Path -Parent $module.Path) | Should -Be (Get-ConnDiagVersion)
    }

    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $manifest -ErrorAction Stop
        $info.CompatiblePSEditions | Should -Be @('Core')
        $info.PowerShellVersion | Should -Be ([version]'7.4')
    }

    It 'ships the format file, the about topic and no System.Management.Automation.dll' {
        $dir = Split-Path -Parent $manifest
        Join-Path $dir 'ConnDiag.Format.ps1xml' | Should -Exist
        Join-Path $dir 'en-US/about_ConnDiag.help.txt' | Should -Exist
        Join-Path $dir 'ConnDiag.dll' | Should -Exist
        Join-Path $dir 'ConnDiag.Core.dll' | Should -Exist
        Join-Path $dir 'System.Management.Automation.dll' | Should -Not -Exist
    }

    It 'finds about_ConnDiag with Get-Help' {
        $help = Get-Help about_ConnDiag | Out-String
        $help | Should -Match 'Test-TcpPort'
        $help | Should -Match 'Get-PortOwner'
        $help | Should -Match 'Get-ResolverConfiguration'
        $help | Should -Match 'Resolve-DnsRecord'
    }

    It 'serves the PlatyPS help for <_>' -ForEach @('Test-TcpPort', 'Get-PortOwner', 'Test-ClockSkew', 'Get-ResolverConfiguration', 'Resolve-DnsRecord', 'Test-TlsChain', 'Test-Endpoint', 'Find-ConnectionError') -Skip:(-not $hasMaml) {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -Match '^\s*$'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 3
    }
}

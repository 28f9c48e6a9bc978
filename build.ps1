#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, stages, documents, tests and packages ConnDiag (PowerShell 7 on Linux, macOS and Windows).

.DESCRIPTION
    Tasks (several may be given; each runs what it depends on once):
      Build    dotnet build -c Release, then stage the module in out/ConnDiag/<version>/.
      Docs     PlatyPS v2 markdown in docs/ -> out/help/en-US/ConnDiag.dll-Help.xml (needs
               Microsoft.PowerShell.PlatyPS; skipped with a message when it is absent).
      Test     Build, parse every .ps1/.psd1 with the PowerShell parser, dotnet test ConnDiag.sln, then
               the Pester suites in tests/pester on the staged module in a child pwsh (Pester 5.5+;
               skipped with a message when it is absent).
      Package  Build and Docs, then a .nupkg of the module (Publish-PSResource to a local folder repository,
               or a .zip when PSResourceGet cannot) and the conndiag .NET tool, all in out/packages/.

    Without pwsh, ./build.sh build|stage|test does Build and Test without Pester.

.EXAMPLE
    ./build.ps1 Test

.EXAMPLE
    ./build.ps1 Package
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Docs', 'Test', 'Package')]
    [string[]] $Task = @('Build')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$versionNode = ([xml](Get-Content -Raw -LiteralPath (Join-Path $Root 'Directory.Build.props'))).SelectSingleNode('/Project/PropertyGroup/Version')
if (-not $versionNode) { throw 'No <Version> in Directory.Build.props.' }
$Version = $versionNode.InnerText.Trim()
$OutDir = Join-Path $Root 'out'
$StageDir = Join-Path $OutDir "ConnDiag/$Version"
$HelpFile = Join-Path $OutDir 'help/en-US/ConnDiag.dll-Help.xml'
$PackageDir = Join-Path $OutDir 'packages'
$script:Done = @{}

function Write-Step([string] $Message) {
    Write-Host ''
    Write-Host "==> $Message" -ForegroundColor Cyan
}

# Runs a native command and stops the build when it fails.
function Invoke-Native([string] $Command, [string[]] $Arguments) {
    Write-Host "$Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command failed with exit code $LASTEXITCODE." }
}

function Invoke-Once([string] $Name, [scriptblock] $Body) {
    if ($script:Done[$Name]) { return }
    & $Body
    $script:Done[$Name] = $true
}

function Invoke-Build {
    Invoke-Once 'Build' {
        Write-Step "Build $Version (Release)"
        $manifestVersion = (Import-PowerShellDataFile -LiteralPath (Join-Path $Root 'ConnDiag.psd1')).ModuleVersion
        if ($manifestVersion -ne $Version) {
            throw "ConnDiag.psd1 ModuleVersion '$manifestVersion' differs from Directory.Build.props <Version> '$Version'."
        }
        Invoke-Native 'dotnet' @('build', (Join-Path $Root 'ConnDiag.sln'), '-c', 'Release', '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

        Write-Step "Stage $StageDir"
        $bin = Join-Path $Root 'src/ConnDiag/bin/Release/net8.0'
        if (Test-Path -LiteralPath $StageDir) { Remove-Item -LiteralPath $StageDir -Recurse -Force }
        $null = New-Item -ItemType Directory -Path (Join-Path $StageDir 'en-US') -Force
        Copy-Item -LiteralPath (Join-Path $bin 'ConnDiag.dll'), (Join-Path $bin 'ConnDiag.Core.dll') -Destination $StageDir
        Copy-Item -LiteralPath (Join-Path $Root 'ConnDiag.psd1'), (Join-Path $Root 'module/ConnDiag.Format.ps1xml') -Destination $StageDir
        Copy-Item -LiteralPath (Join-Path $Root 'module/en-US/about_ConnDiag.help.txt') -Destination (Join-Path $StageDir 'en-US')
        Copy-HelpToStage
        # The host pwsh provides System.Management.Automation; a shipped copy would shadow it.
        if (Get-ChildItem -LiteralPath $StageDir -Recurse -Filter 'System.Management.Automation*.dll') {
            throw 'System.Management.Automation.dll must not be shipped in the module.'
        }
        Get-ChildItem -LiteralPath $StageDir -Recurse -File |
            ForEach-Object { '  ' + [System.IO.Path]::GetRelativePath($StageDir, $_.FullName) }
    }
}

function Copy-HelpToStage {
    if ((Test-Path -LiteralPath $HelpFile) -and (Test-Path -LiteralPath $StageDir)) {
        Copy-Item -LiteralPath $HelpFile -Destination (Join-Path $StageDir 'en-US') -Force
    }
}

function Invoke-Docs {
    Invoke-Once 'Docs' {
        Write-Step 'Docs (PlatyPS v2 markdown -> MAML)'
        $platyPS = Get-Module -ListAvailable -Name 'Microsoft.PowerShell.PlatyPS' | Sort-Object Version -Descending | Select-Object -First 1
        if (-not $platyPS) {
            Write-Host 'Docs skipped: the Microsoft.PowerShell.PlatyPS module is not installed (Install-PSResource Microsoft.PowerShell.PlatyPS); Get-Help will show the about topic and syntax only.' -ForegroundColor Yellow
            return
        }
        Import-Module $platyPS -Force
        $work = Join-Path $OutDir 'help/maml'
        if (Test-Path -LiteralPath $work) { Remove-Item -LiteralPath $work -Recurse -Force }
        $pages = Measure-PlatyPSMarkdown -Path (Join-Path $Root 'docs/*.md') |
            Where-Object { $_.FileType -match 'CommandHelp' }
        if (-not $pages) { throw 'No PlatyPS command help pages found in docs/.' }
        $help = foreach ($page in $pages) { Import-MarkdownCommandHelp -Path $page.FilePath }
        $help | Export-MamlCommandHelp -OutputFolder $work -Force | Out-Null
        # PlatyPS versions name the file <Module>-Help.xml or after 'external help file'; binary modules need
        # <assembly>-Help.xml, so take the one file written and give it that name.
        $written = @(Get-ChildItem -LiteralPath $work -Recurse -Filter '*.xml')
        if ($written.Count -ne 1) { throw "Expected one MAML file from Export-MamlCommandHelp, found $($written.Count) in $work." }
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $HelpFile) -Force
        Move-Item -LiteralPath $written[0].FullName -Destination $HelpFile -Force
        Write-Host "  $HelpFile"
        Copy-HelpToStage
    }
}

function Test-PowerShellSyntax {
    Write-Step 'Parse every .ps1/.psd1/.psm1 with the PowerShell parser'
    $skip = [regex]'[\\/](out|node_modules|bin|obj|\.git)[\\/]'
    $files = Get-ChildItem -LiteralPath $Root -Recurse -File |
        Where-Object { $_.Extension -in '.ps1', '.psd1', '.psm1' -and -not $skip.IsMatch($_.FullName) }
    $bad = 0
    foreach ($file in $files) {
        $tokens = $null
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $tokens, [ref] $errors)
        foreach ($e in $errors) {
            Write-Host "$($file.FullName):$($e.Extent.StartLineNumber):$($e.Extent.StartColumnNumber): $($e.Message)" -ForegroundColor Red
        }
        if ($errors) { $bad++ }
    }
    if ($bad) { throw "$bad PowerShell file(s) do not parse." }
    Write-Host "  $(@($files).Count) file(s) parse"
}

function Invoke-PesterSuite {
    Write-Step 'Pester (tests/pester) on the staged module, in a child pwsh'
    $pester = Get-Module -ListAvailable -Name 'Pester' |
        Where-Object { $_.Version -ge [version]'5.5.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        $found = (Get-Module -ListAvailable -Name 'Pester' | ForEach-Object { $_.Version.ToString() }) -join ', '
        $why = if ($found) { "only Pester $found is installed and the suites need 5.5 or later" } else { 'Pester is not installed' }
        Write-Host "Pester skipped: $why (Install-PSResource Pester -Version '[5.5,6.0)')." -ForegroundColor Yellow
        return
    }
    # A fresh process: a loaded ConnDiag.dll cannot be unloaded or replaced in this one.
    $child = {
        param($PesterPath, $TestPath, $Manifest)
        $env:CONNDIAG_MODULE_PATH = $Manifest
        Import-Module $PesterPath -Force
        $config = New-PesterConfiguration
        $config.Run.Path = $TestPath
        $config.Run.Exit = $true
        $config.Output.Verbosity = 'Detailed'
        $config.TestResult.Enabled = $false
        Invoke-Pester -Configuration $config
    }
    $pwsh = (Get-Process -Id $PID).Path
    & $pwsh -NoProfile -NonInteractive -Command $child -args $pester.Path, (Join-Path $Root 'tests/pester'), (Join-Path $StageDir 'ConnDiag.psd1')
    if ($LASTEXITCODE -ne 0) { throw "Pester failed (exit code $LASTEXITCODE)." }
}

function Invoke-Test {
    Invoke-Once 'Test' {
        Invoke-Build
        Test-PowerShellSyntax
        Write-Step 'dotnet test ConnDiag.sln'
        Invoke-Native 'dotnet' @('test', (Join-Path $Root 'ConnDiag.sln'), '--nologo')
        Invoke-PesterSuite
    }
}

function Invoke-Package {
    Invoke-Once 'Package' {
        Invoke-Build
        Invoke-Docs
        Write-Step "Package into $PackageDir"
        $null = New-Item -ItemType Directory -Path $PackageDir -Force
        Get-ChildItem -LiteralPath $PackageDir -Filter 'ConnDiag.*' | Where-Object { $_.Name -like "ConnDiag.$Version.*" } | Remove-Item -Force

        $published = $false
        if (Get-Command -Name 'Publish-PSResource' -ErrorAction SilentlyContinue) {
            # A temporary folder repository, removed again, so the user's repository list is unchanged.
            $repo = "ConnDiagBuild$PID"
            try {
                Register-PSResourceRepository -Name $repo -Uri $PackageDir -Trusted
                Publish-PSResource -Path (Join-Path $StageDir 'ConnDiag.psd1') -Repository $repo -SkipDependenciesCheck
                $published = $true
            } catch {
                Write-Warning "Publish-PSResource failed ($($_.Exception.Message)); writing a .zip instead."
            } finally {
                Unregister-PSResourceRepository -Name $repo -ErrorAction SilentlyContinue
            }
        } else {
            Write-Warning 'Publish-PSResource (Microsoft.PowerShell.PSResourceGet) is not available; writing a .zip instead.'
        }
        if (-not $published) {
            Compress-Archive -Path (Join-Path $StageDir '*') -DestinationPath (Join-Path $PackageDir "ConnDiag.$Version.zip") -Force
        }

        Invoke-Native 'dotnet' @('pack', (Join-Path $Root 'src/ConnDiag.Cli'), '-c', 'Release', '-o', $PackageDir, '--nologo', '-v', 'quiet')
        Get-ChildItem -LiteralPath $PackageDir -File | ForEach-Object { "  $($_.Name)" }
    }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' {
            Invoke-Build
        }
        'Docs' {
            Invoke-Docs
        }
        'Test' {
            Invoke-Test
        }
        'Package' {
            Invoke-Package
        }
    }
}

namespace ConnDiag.Core.Tests.Services.Support;

/// <summary>
/// A temporary root with the systemd unit directories under it, written by the test: unit files, drop-ins,
/// environment files, programs and a passwd file. Deleted on dispose.
/// </summary>
internal sealed class UnitTree : IDisposable
{
    public UnitTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "conndiag-units-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Passwd = Write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nccr:x:998:998::/var/lib/ccr:/usr/sbin/nologin\n");
        // The programs the tests' units run, linked to this machine's, as they would be installed in the tree.
        foreach (var program in new[] { "/usr/bin/env", "/usr/bin/python3", "/usr/bin/sh" })
        {
            if (!System.IO.File.Exists(program)) continue;
            Directory.CreateDirectory(Path.Combine(Root, "usr/bin"));
            System.IO.File.CreateSymbolicLink(Path.Combine(Root, program.TrimStart('/')), program);
        }
    }

    public string Root { get; }

    /// <summary>The passwd file the tests point User= lookups at.</summary>
    public string Passwd { get; }

    public ConnDiag.Services.SystemdUnitOptions Options => new() { Root = Root };

    /// <summary>Writes a file under the root (path relative to it) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a file under the root and returns its path as the unit sees it (<c>/etc/default/x</c>).</summary>
    public string File(string relative, string text)
    {
        Write(relative, text);
        return "/" + relative;
    }

    /// <summary>A unit file in /etc/systemd/system under the root.</summary>
    public string Unit(string name, string text, string dir = "etc/systemd/system") => Write($"{dir}/{name}", text);

    /// <summary>A drop-in NAME.d/FILE in a unit directory under the root.</summary>
    public string DropIn(string name, string file, string text, string dir = "etc/systemd/system") => Write($"{dir}/{name}.d/{file}", text);

    /// <summary>A shell script under the root, executable or not; returns its path as the unit sees it.</summary>
    public string Program(string relative, bool executable = true)
    {
        var path = Write(relative, "#!/bin/sh\nexit 0\n");
        if (OperatingSystem.IsLinux())
        {
            System.IO.File.SetUnixFileMode(path, executable
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        return "/" + relative;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test's child may still hold a file; the temp directory is cleaned by the OS eventually.
        }
    }
}

namespace ConnDiag.Model;

/// <summary>Verdict of a stage or a whole report.</summary>
public enum Outcome { Pass, Warn, Fail, Skipped }

/// <summary>How much a finding matters; Error means the check failed (CLI exit code 1).</summary>
public enum Severity { Info, Warning, Error }

/// <summary>The layer of the connection a finding or stage belongs to, bottom-up in diagnosis order.</summary>
public enum Layer { Config, Local, Dns, Tcp, Proxy, Tls, Clock, Http, Auth, Api }

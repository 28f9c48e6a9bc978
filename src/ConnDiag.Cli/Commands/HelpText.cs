namespace ConnDiag.Cli.Commands;

/// <summary>What `conndiag --help` and `conndiag help COMMAND` print.</summary>
internal static class HelpText
{
    public const string General = """
        conndiag - diagnose connection problems layer by layer

        Usage:
          conndiag tcp TARGET... [options]         connect to every address of every target
          conndiag port-owner [PORT...] [options]  which process owns a port (no port: every listener)
          conndiag clock [options]                 is the local clock right (NTP or an HTTP Date header)
          conndiag resolver [NAME...] [options]    the system resolver configuration (servers, search, hosts)
          conndiag dns NAME [TYPE] [@SERVER...]    ask DNS servers directly (udp, tcp, https), dig-like
          conndiag tls HOST[:PORT]... [options]    TLS handshake, certificate chain and verdict
          conndiag tls --file CHAIN.pem            the same chain analysis for a file, offline
          conndiag endpoint TARGET... [options]    layered diagnosis: dns, tcp, proxy, tls, http
          conndiag status [PROVIDER] [--url URL]   what a provider's status page says (Anthropic by default)
          conndiag router-config [PATH] [--json]   validate a claude-code-router config (read-only)
          conndiag logs [PATH...] [options]        find connection errors in logs (files, .gz, journald, stdin)
          conndiag claude [--base-url URL] [...]   Claude Code's connection: config, layers, API, auth
          conndiag watch TARGET [options]          probe an endpoint every few seconds: p50/p95, errors, state
          conndiag metrics [--file PATH]           --json results (stdin) as Prometheus text metrics
          conndiag report [FILE|-] [-o PATH]       a JSON report (--json of the above) as HTML or Markdown
          conndiag unit NAME|--path F|--port N     the systemd unit behind a service (Linux, read-only)
          conndiag firewall [--port N] [options]   nftables/iptables rules that can affect a port (Linux)
          conndiag help COMMAND                    options of one command
          conndiag --version                       print the version

        Every command takes --json (one indented JSON document on stdout; shape in docs/json.md).

        Exit codes:
          0    no Error-severity finding
          1    a check failed (an Error finding, e.g. TCP.REFUSED, LOCAL.NOT_LISTENING), or an unexpected error
          2    invalid input (one line on stderr names the bad token)
          130  cancelled with Ctrl+C

        """;

    public const string Tcp = """
        conndiag tcp - connect to every address of every target and classify each attempt

        Usage:
          conndiag tcp TARGET... [-p|--port N[,N...]] [--timeout SEC] [--throttle N]
                       [-4|--ipv4] [-6|--ipv6] [-f|--file PATH] [--system-resolver] [--json]

        TARGET is HOST:PORT, [IPv6]:PORT, a URL (http://host:3456/, https://host/), or a bare
        HOST with --port. '-' reads targets from stdin.

        Options:
          -p, --port N[,N...]  ports for targets written without one (repeatable)
          --timeout SEC        per-connect timeout in seconds, above 0 and up to 300 (default 2)
          --throttle N         most connects in flight at once, 1-10000 (default 64)
          -4, --ipv4           IPv4 addresses only
          -6, --ipv6           IPv6 addresses only
          --system-resolver    resolve with the operating system (getaddrinfo) instead of
                               ConnDiag's own client; failures are then DNS.LOOKUP_FAILED
          -f, --file PATH      read targets from PATH, one per line ('-' = stdin); blank lines and
                               '#' comments are ignored; errors name PATH:LINE (repeatable)
          --json               write one JSON array of results (docs/json.md)
          -h, --help           this help

        Every address a name resolves to is tried (IPv4 and IPv6) and classified as Open, Closed,
        Filtered, HostUnreachable, NetworkUnreachable, AdminProhibited or Error. Results print as they
        complete, one row per target, with each finding (code, summary, remedy) under its row.
        Names resolve like the C library would (hosts file, resolv.conf servers, search list,
        options) but with ConnDiag's own DNS client, so a failure keeps its precise code
        (DNS.NXDOMAIN, DNS.SERVFAIL, DNS.TIMEOUT, DNS.NO_SERVERS, ...).

        Exit codes: 0 every target passed (warnings such as TCP.PARTIAL allowed), 1 a target failed,
        2 invalid input, 130 cancelled with Ctrl+C (--json still ends with a complete array).

        Examples:
          conndiag tcp 127.0.0.1:3456 localhost:8080
          conndiag tcp api.example.com -p 80,443 --timeout 5
          conndiag tcp --file hosts.txt --throttle 256 --json > results.json
          printf 'db:5432\ncache:6379\n' | conndiag tcp -

        """;

    public const string PortOwner = """
        conndiag port-owner - which process owns a port, and which addresses it is bound to

        Usage:
          conndiag port-owner [PORT...] [--tcp|--udp] [--all] [--json]

        With no PORT, every listening socket is listed. PORT may be a comma list (80,443).

        Options:
          --tcp        TCP sockets only
          --udp        UDP sockets only
          --all        every socket, not only listeners (a PORT then also matches the remote port)
          --json       write one JSON array of port owners (docs/json.md)
          -h, --help   this help

        Columns: PROTO LOCAL REMOTE STATE PID PROCESS USER SCOPE, then the command line: as a last
        COMMAND column when the line has room, else indented under its row; either way cut at the
        terminal width (80 when stdout is not a terminal). SCOPE is Loopback (127.0.0.0/8, ::1),
        AllInterfaces (0.0.0.0, ::) or Specific. Sockets of processes you may not inspect show
        PROCESS (hidden); run as root to see them.

        Exit codes: 0 every PORT given has a socket, 1 a PORT has none (LOCAL.NOT_LISTENING; with
        --json the finding goes to stderr) or port owners cannot be read here, 2 invalid input.

        Examples:
          conndiag port-owner 3456
          conndiag port-owner --tcp
          conndiag port-owner 53 --udp --json

        """;

    public const string Clock = """
        conndiag clock - compare the local clock with an NTP server or a web server's Date header

        Usage:
          conndiag clock [--ntp SERVER]... [--url URL]... [--timeout SEC] [--max-offset SEC] [--json]

        SERVER is HOST, HOST:PORT or [IPv6]:PORT (UDP port 123 by default); URL is http:// or https://.
        Both options may be repeated and mixed; each source gives one result. With neither, the NTP
        server the system's time service uses is asked (chrony, systemd-timesyncd, ntpd, W32Time; the
        server and its file are named on stderr), and without one configured the command fails with 2.

        Options:
          --ntp SERVER       an NTP server to query (SNTP, RFC 4330; up to 3 requests)
          --url URL          a URL whose response Date header is read (one HEAD request)
          --timeout SEC      wait for each answer, above 0 and up to 300 seconds (default 3)
          --max-offset SEC   allowed offset beyond the measurement uncertainty, 0 or more
                             (default 2 for NTP, 5 for the Date header, which counts whole seconds)
          --json             write one JSON array of results (docs/json.md)
          -h, --help         this help

        OFFSET is source time minus local time: positive means the local clock is BEHIND the source
        (certificates look not yet valid), negative means it is AHEAD (certificates look expired).
        ± is the measurement's uncertainty: half the NTP round trip, or 1 s plus half the HTTP round
        trip for a Date header. CLOCK.SKEW is raised when |OFFSET| minus ± exceeds --max-offset.
        Other findings: CLOCK.NO_RESPONSE, CLOCK.KISS_OF_DEATH, CLOCK.SERVER_UNSYNCHRONIZED, CLOCK.NO_DATE.

        Exit codes: 0 the clock is within the allowed offset of every source, 1 a source found a skew
        or gave no usable time, 2 invalid input (or no source given and none configured), 130 cancelled.

        Examples:
          conndiag clock --ntp time.example.com
          conndiag clock --url https://www.example.com/ --max-offset 30
          conndiag clock --ntp 10.0.0.1 --ntp 10.0.0.2:1123 --json

        """;

    public const string Resolver = """
        conndiag resolver - the system resolver configuration, with the file and line of every value

        Usage:
          conndiag resolver [NAME...] [--resolv-conf PATH] [--hosts PATH] [--nsswitch PATH] [--json]

        Shows the DNS servers the C library uses (at most 3 from resolv.conf; more are listed as ignored),
        the search list, the options (ndots, timeout, attempts, ...), the lookup order from nsswitch.conf,
        the hosts-file entries, and what resolv.conf points at: systemd-resolved's stub (127.0.0.53, with
        its upstream servers when /run/systemd/resolve/resolv.conf is readable), Docker's embedded DNS
        (127.0.0.11), WSL's generated file, NetworkManager. Lines the C library ignores are warnings.
        On Windows the servers and suffixes of each network adapter are shown instead.

        For each NAME: the hosts-file lines that answer it before DNS (DNS.HOSTS_OVERRIDE) and the names
        the C library sends to DNS, in order (search list and ndots applied).

        Options:
          --resolv-conf PATH  read this file instead of /etc/resolv.conf (e.g. copied from another machine)
          --hosts PATH        read this hosts file instead of the system's
          --nsswitch PATH     read this nsswitch.conf instead of /etc/nsswitch.conf
          --json              write one JSON object (docs/json.md)
          -h, --help          this help

        Exit codes: 0 a DNS server is configured (warnings such as DNS.HOSTS_OVERRIDE allowed), 1 no DNS
        server is configured (DNS.NO_SERVERS: ConnDiag never falls back to a public resolver), 2 invalid
        input (a bad NAME or a file that does not exist).

        Examples:
          conndiag resolver
          conndiag resolver api.anthropic.com --json
          conndiag resolver --resolv-conf ./pod-resolv.conf api.anthropic.com

        """;

    public const string Dns = """
        conndiag dns - ask DNS servers directly and show everything they answered

        Usage:
          conndiag dns NAME [TYPE] [@SERVER...] [--tcp] [--no-recursion] [--dnssec]
                       [--timeout SEC] [--no-hosts-file] [--json]
          conndiag dns NAME --diagnose [@SERVER...] [--timeout SEC] [--no-hosts-file]

        TYPE is A (default), AAAA, CNAME, MX, NS, PTR, SOA, SRV, TXT, CAA, ... or TYPEnnn.
        SERVER is an address (UDP port 53, TCP when the answer is truncated), ADDRESS:PORT,
        [IPv6]:PORT, udp://..., tcp://... or a DNS over HTTPS URL (https://host/dns-query).
        Several @SERVER values are asked in parallel and printed in the order given. Without
        @SERVER, the servers of the system resolver configuration are used ('conndiag resolver');
        with none, the result is DNS.NO_SERVERS (there is no fallback to a public resolver).

        Options:
          --tcp            ask UDP servers over TCP
          --no-recursion   clear the RD bit (alias --norecurse)
          --dnssec         set the DNSSEC OK (DO) bit
          --no-hosts-file  skip the hosts-file check (by default an A/AAAA name the hosts file
                           answers before DNS is reported with DNS.HOSTS_OVERRIDE)
          --diagnose       run the DNS stage: hosts file, the system servers through the search
                           list (A and AAAA), the same over TCP, each @SERVER side by side, then
                           compare (DNS.RESOLVERS_DISAGREE, DNS.UNEXPECTED_ADDRESS, DNS.SEARCH_SLOW,
                           DNS.TRUNCATED_TCP_BLOCKED, ...); text only
          --timeout SEC    per-attempt timeout, above 0 and up to 300 (default 5); timeouts and
                           transport failures are retried twice, answers never
          --json           write one JSON array of answers (docs/json.md)
          -h, --help       this help

        Output: dig's header, flags, OPT pseudo-section and sections, then every attempt
        (transport, query id, outcome, size, time) and the findings: DNS.NXDOMAIN (with the
        negative-cache time from the SOA), DNS.NODATA, DNS.SERVFAIL, DNS.REFUSED, DNS.TIMEOUT,
        DNS.UNREACHABLE, DNS.TRUNCATED_TCP_BLOCKED, DNS.MISMATCHED_RESPONSE, ...

        Exit codes: 0 no Error finding (NODATA is a warning), 1 a lookup failed or no server
        is configured, 2 invalid input, 130 cancelled with Ctrl+C.

        Examples:
          conndiag dns api.example.com
          conndiag dns api.example.com AAAA @192.0.2.53 @https://dns.example/dns-query
          conndiag dns big.example.com TXT @192.0.2.53 --tcp
          conndiag dns example.com SOA @192.0.2.1 --no-recursion --json

        """;

    public const string Tls = """
        conndiag tls - TLS handshake, certificate chain facts and verdict, per target

        Usage:
          conndiag tls TARGET... [-p|--port N] [--server-name NAME] [--ca-bundle FILE [--ca-bundle-only]]
                       [--check-revocation] [--min-days N] [-k|--skip-cert-check] [--timeout SEC]
                       [--throttle N] [-4|--ipv4] [-6|--ipv6] [--ntp SERVER] [--json]
          conndiag tls --file CHAIN.pem|DIR... [--server-name NAME] [--ca-bundle FILE [--ca-bundle-only]]
                       [--min-days N] [--json]

        TARGET is HOST[:PORT] (port 443 unless given), [IPv6]:PORT or a URL (https://host/). '-' reads
        targets from stdin, one per line.

        Options:
          -p, --port N[,N...]     ports for targets written without one (default 443)
          --server-name NAME      SNI name, and the name the certificate must match (default: the host);
                                  also --sni
          --ca-bundle FILE        PEM file of CA certificates trusted in addition to the system store;
                                  also --cacert
          --ca-bundle-only        trust only the --ca-bundle roots (as curl --cacert does)
          --check-revocation      fetch CRLs/OCSP for the leaf and intermediates (TLS.REVOKED)
          --min-days N            TLS.EXPIRES_SOON when a certificate expires within N days, 0-3650 (default 14)
          -k, --skip-cert-check   the client skips validation (also --insecure): problems become warnings
          --timeout SEC           limit for the lookup, each connect and each handshake, up to 300 (default 5)
          --throttle N            most targets in flight at once, 1-1024 (default 32)
          -4, --ipv4 / -6, --ipv6 only IPv4 / only IPv6 addresses
          --ntp SERVER            when a certificate fails only on its dates, measure the clock against this NTP
                                  server and re-check at the corrected time (says whether the clock is the cause)
          -f, --file PATH         analyse a PEM or DER chain file, or every *.pem/*.crt/*.cer/*.der file of a
                                  directory, without a network (repeatable; not with targets)
          --json                  write one JSON array of chain reports (docs/json.md)
          -h, --help              this help

        Every address of a target is tried. The chain the server sent is captured even when validation
        fails, and judged: expired or not yet valid, name mismatch (RFC 6125), missing intermediate
        (TLS.CHAIN_INCOMPLETE) vs untrusted root vs self-signed, interception by a TLS-inspecting proxy
        (TLS.INTERCEPTED), weak signature or key; a peer that is not TLS (TLS.NOT_TLS), a version
        mismatch with the alert, and a server that accepts but never answers (TLS.HANDSHAKE_TIMEOUT).
        A ClientHello offering only TLS 1.2, or only TLS 1.3, shows which versions the server accepts.

        Exit codes: 0 no Error finding (warnings such as TLS.EXPIRES_SOON allowed), 1 a check failed,
        2 invalid input (a bad target, option, CA bundle or chain file), 130 cancelled with Ctrl+C.

        Examples:
          conndiag tls api.anthropic.com
          conndiag tls 127.0.0.1:8443 --server-name router.internal --ca-bundle corp-root.pem
          conndiag tls --file /etc/nginx/certs/fullchain.pem --server-name www.example.com
          conndiag tls - --json < hosts.txt

        """;

    public const string Endpoint = """
        conndiag endpoint - diagnose an endpoint layer by layer: dns, tcp, proxy, tls, http

        Usage:
          conndiag endpoint TARGET... [-X METHOD] [-H 'Name: value']... [-d BODY]
                            [--token-env VAR | --token-file PATH | --user-env VAR]
                            [--expect-status N[,N...]] [--expect-body REGEX] [--warn-ms MS] [--critical-ms MS]
                            [--origin ORIGIN] [--proxy URL] [--noproxy LIST] [--compare-direct]
                            [--retries N] [--timeout SEC] [--throttle N] [-4|-6] [-k] [--cacert PATH]
                            [--resolver SERVER]... [--connect-to ADDR[:PORT]] [--tls] [--no-redirect]
                            [--max-body BYTES] [-f|--file PATH] [--json]

        TARGET is an http:// or https:// URL; a bare HOST (https://HOST/); HOST:443 or HOST:80 (that URL);
        or HOST:PORT on any other port, checked as a TCP service (and TLS with --tls) without HTTP.
        '-' reads targets from stdin, one per line.

        The stages run in order and the first that fails stops the run: later stages are Skipped with
        the reason. Each report shows every stage (outcome, duration, first finding) and the findings
        with their evidence and remedy; the HTTP stage's JSON has curl-style phases per attempt.

        Request:
          -X, --method METHOD       request method (default GET)
          -H, --header 'N: value'   extra request header (repeatable)
          -d, --data BODY           request body (UTF-8)
          --token-env VAR           send 'Authorization: Bearer <token>' with the token read from the
                                    environment variable VAR
          --token-file PATH         the same, with the token read from PATH (a trailing newline is dropped)
          --user-env VAR            HTTP Basic authentication with USER:PASSWORD read from the variable VAR
                                    Secrets are never taken as arguments: the command line is visible to
                                    every user (ps) and kept in shell history. Put credentials in a
                                    variable or a file, not in -H. Secret values are masked in all output.
          --origin ORIGIN           also send a CORS preflight with this Origin (HTTP.CORS_DENIED)
          --no-redirect             do not follow redirects
          --max-body BYTES          most response body bytes read (default 1048576)
          --retries N               retry the request N times (0-10) with backoff and jitter (default 0)

        Verdict:
          --expect-status N[,N...]  status codes that count as success (repeatable; default 2xx and 3xx)
          --expect-body REGEX       the body must match (HTTP.UNEXPECTED_BODY)
          --warn-ms MS              HTTP.SLOW as a warning above MS milliseconds (default 500)
          --critical-ms MS          HTTP.SLOW as an error above MS milliseconds (default 2000)

        Network:
          --proxy URL               use this proxy ('' for none); default: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY
          --noproxy LIST            NO_PROXY-style list ('' to bypass nothing); default: NO_PROXY
          --compare-direct          with a proxy, also run the request direct and report the difference
          --resolver SERVER         ask this DNS server instead of the system's (repeatable; same forms as
                                    'conndiag dns @SERVER')
          --connect-to ADDR[:PORT]  connect to this address instead of resolving the name (Host, SNI and
                                    the certificate check keep the name); e.g. 127.0.0.1:8443, [::1]:8443
          -4, --ipv4 / -6, --ipv6   only IPv4 / only IPv6 addresses
          --timeout SEC             limit per stage, above 0 and up to 300 (default 5 per network step,
                                    10 for the HTTP exchange)
          --throttle N              most targets in flight at once, 1-256 (default 16)

        TLS:
          --tls                     handshake with HOST:PORT service targets too (URLs follow their scheme)
          -k, --insecure            do not validate certificates (the report says validation was off)
          --cacert PATH             PEM/DER file or directory of CA certificates trusted in addition to
                                    the system store; also --ca-bundle

        Output:
          -f, --file PATH           read targets from PATH, one per line ('-' = stdin; '#' comments)
          --json                    write one JSON array of reports (docs/json.md)
          -h, --help                this help

        Exit codes: 0 every target passed (warnings allowed), 1 a stage failed for a target (an Error
        finding), 2 invalid input, 130 cancelled with Ctrl+C (--json still ends with a complete array).

        Examples:
          conndiag endpoint https://api.example.com/v1/health
          conndiag endpoint api.example.com db.internal:5432 --timeout 3
          API_TOKEN=... conndiag endpoint https://api.example.com/v1/me --token-env API_TOKEN --expect-status 200
          conndiag endpoint https://www.example.com/ --connect-to 10.0.0.7 --json
          conndiag endpoint --file urls.txt --throttle 32 --json > reports.json

        """;

    public const string Status = """
        conndiag status - what a provider's Atlassian Statuspage says right now

        Usage:
          conndiag status [PROVIDER] [--url URL] [--timeout SEC] [--json]

        PROVIDER is a built-in page, any case: Anthropic (default, https://status.claude.com), DeepSeek,
        Groq, GitHub. --url reads any other Statuspage site: its base URL or its /api/v2/summary.json.

        Options:
          --url URL        the page's base URL (https:// assumed without a scheme), or the summary URL
          --timeout SEC    limit for the request, above 0 and up to 300 (default 10)
          --json           write one JSON object (docs/json.md)
          -h, --help       this help

        One GET of {page}/api/v2/summary.json, no credentials, at most 2 MiB read. Prints the page's
        indicator (None, Minor, Major, Critical, Maintenance; Unknown when unreadable) and description,
        the components that are not operational, unresolved incidents and maintenances with their links,
        and the findings: API.STATUS_DEGRADED, API.STATUS_OUTAGE, API.STATUS_MAINTENANCE, or why the page
        could not be read (API.STATUS_UNSUPPORTED_PAGE, HTTP.*, TCP.*, DNS.*, TLS.*).

        Exit codes: 0 the page reports no incident (indicator none, or maintenance), 1 it reports a minor,
        major or critical incident, or could not be read, 2 invalid input (an unknown provider, a bad URL
        or option), 130 cancelled with Ctrl+C.

        Examples:
          conndiag status
          conndiag status anthropic --json | jq -r .indicator
          conndiag status --url https://status.example.com --timeout 5
          conndiag status || echo "the provider reports problems (or its page is unreachable)"

        """;

    public const string RouterConfig = """
        conndiag router-config - validate a claude-code-router config the way the router reads it

        Usage:
          conndiag router-config [PATH] [--probe [--skip-provider-check]] [--json]

        PATH defaults to ~/.claude-code-router/config.json. The file is only read, never written.
        A config.sqlite beside it means claude-code-router v3, which ignores config.json after its first
        start (ROUTER.V3_JSON_IGNORED); the JSON is then not validated.

        v1/v2 files are parsed as JSON5 (comments and trailing commas allowed); a syntax error is
        ROUTER.CONFIG_SYNTAX with PATH:LINE:COLUMN. Then: Providers present, complete and unique;
        Router.default set and every route "provider,model" naming a known provider and one of its models;
        $VAR and ${VAR} references resolved against this environment (ROUTER.ENV_UNRESOLVED names the key
        path, e.g. Providers[1].api_key); CUSTOM_ROUTER_PATH and transformer files present; PORT valid and
        free (LOCAL.PORT_IN_USE names the process holding it); HOST non-loopback without APIKEY; PROXY_URL
        pointing at the router itself; API_TIMEOUT_MS below 60000; keys written inline (shown masked);
        a PID file naming a process that is gone (ROUTER.STALE_PID).

        --probe also contacts the running router at HOST:PORT: TCP (refused: ROUTER.NOT_RUNNING, run
        `ccr start`), GET /health, GET / to tell v2 from v3 from another program on the port
        (ROUTER.NOT_A_ROUTER), then APIKEY (v3 GET /v1/models with Bearer, v2 POST
        /v1/messages/count_tokens; refused: AUTH.ROUTER_KEY_REJECTED). Then each provider's api_base_url
        is checked the way the router reaches it: DNS, TCP, PROXY_URL (when set; the shell's HTTPS_PROXY is
        not used, as the router does not use it) and TLS with NODE_EXTRA_CA_CERTS; no request is sent and
        no provider key leaves the machine. A failure is ROUTER.PROVIDER_UNREACHABLE naming the stage.

        Options:
          --probe      probe the running router too (the key is sent only to HOST:PORT, never shown)
          --skip-provider-check
                       with --probe: do not check the providers (nothing leaves the machine)
          --json       write one JSON object (docs/json.md)
          -h, --help   this help

        Exit codes: 0 no Error finding (warnings such as ROUTER.INLINE_SECRET allowed), 1 a check failed,
        2 invalid input (PATH missing, a directory, larger than 4 MiB, binary or not UTF-8).

        Examples:
          conndiag router-config
          conndiag router-config ./config.json --json | jq -r '.findings[] | "\(.code) \(.summary)"'

        """;

    public const string Logs = """
        conndiag logs - find connection errors in logs and classify them into finding codes

        Usage:
          conndiag logs [PATH...] [--since WHEN] [-n|--tail N] [--summary] [--json]

        PATH is a log file; wildcards in the file name select several (/var/log/nginx/error.log*),
        read oldest first. Gzip files (rotated .gz logs) are decompressed as they are read. No PATH,
        or '-', reads stdin (journalctl -u NAME, journalctl -o json, a program's stderr).

        Each line is matched against one table of messages real tools print (Node.js, Python, curl,
        Go, .NET, nginx, systemd, the kernel, the Anthropic API): ECONNREFUSED -> TCP.REFUSED,
        ENOTFOUND -> DNS.NXDOMAIN, unable to get local issuer certificate -> TLS.CHAIN_INCOMPLETE,
        EADDRINUSE -> LOCAL.PORT_IN_USE, JavaScript heap out of memory -> LOCAL.OUT_OF_MEMORY, ...
        Secrets in the lines (API keys, Bearer tokens, JWTs, ?api_key=) are masked.

        Options:
          --since WHEN     only lines written at or after WHEN: a date/time (2026-11-22T06:00:00,
                           local time without an offset) or an age (90s, 30m, 2h, 7d); lines without
                           a time follow the timed line before them
          -n, --tail N     only the last N lines of each source
          --summary        one row per code: count, first and last time seen, first place
          --json           a JSON array of findings, or with --summary one summary object (docs/json.md)
          -h, --help       this help

        Exit codes: 0 no Error-severity line found (warnings such as HTTP.RATE_LIMITED allowed),
        1 at least one Error-severity line found, 2 invalid input (a missing file, a bad option),
        130 cancelled with Ctrl+C.

        Examples:
          conndiag logs /var/log/nginx/error.log*
          journalctl -u api.service -o json --since -1h | conndiag logs --summary
          conndiag logs app.log --tail 5000 --json | jq -r '.[] | "\(.code) \(.text)"'

        """;

    public const string Claude = """
        conndiag claude - diagnose Claude Code's connection to the Anthropic API, a gateway or claude-code-router

        Usage:
          conndiag claude [--base-url URL] [--key-env VAR | --key-file PATH] [--token-env VAR | --token-file PATH]
                          [--model M] [--profile anthropic|gateway|router] [--send-message] [--stream]
                          [--no-status-page] [--status-page-url URL] [--cacert PATH] [--proxy URL]
                          [--noproxy LIST] [--connect-to ADDR[:PORT]] [-4 | -6] [--stage NAME] [--timeout SEC]
                          [--json]

        Values not given come from Claude Code's own configuration: the environment (ANTHROPIC_BASE_URL,
        ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_MODEL, HTTPS_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS)
        and the env blocks of ~/.claude/settings.json, .claude/settings.json and .claude/settings.local.json.
        The base URL defaults to https://api.anthropic.com.

        Stages: config, claude-config, dns, tcp, proxy, tls, http, api-shape (does it answer like the API),
        auth (GET /v1/models), tokens (POST /v1/messages/count_tokens, free), then message and stream when
        asked for, then status-page. The first stage that fails stops the run. The text shows every stage,
        the effective configuration (secrets masked, with their source), the request ids, the rate limits
        and the findings with evidence and remedy.

        Options:
          --base-url URL          the endpoint Claude Code talks to (instead of ANTHROPIC_BASE_URL)
          --key-env VAR           the API key (x-api-key) from the environment variable VAR
          --key-file PATH         the API key from a file (a trailing newline is dropped)
          --token-env VAR         an auth token (Authorization: Bearer) from the variable VAR
          --token-file PATH       an auth token from a file
                                  Secrets are never taken as arguments: the command line is visible to
                                  every user (ps) and kept in shell history.
          --model M               the model for count_tokens and messages (instead of ANTHROPIC_MODEL)
          --profile P             anthropic, gateway or router (default: detected from the base URL)
          --send-message          also POST /v1/messages with max_tokens 1 (costs a few tokens)
          --stream                also stream a message and check the events arrive one by one (costs tokens)
          --no-status-page        do not read the provider's status page
          --stage NAME            run the stages up to and including NAME only (http: nothing is sent with
                                  the key; auth: no count_tokens); the later ones are shown as skipped
          --status-page-url URL   read this Statuspage site instead of Anthropic's (which is read only for
                                  https://api.anthropic.com, never for a base URL on this machine)
          --cacert PATH           extra CA certificates (PEM), e.g. a TLS-inspecting proxy's root
          --proxy URL             the proxy to use (instead of HTTPS_PROXY)
          --noproxy LIST          hosts that bypass the proxy (instead of NO_PROXY)
          --connect-to ADDR[:PORT]  connect there instead of resolving the base URL's host
          -4, --ipv4              only the host's IPv4 addresses (the path a client with broken IPv6 takes)
          -6, --ipv6              only its IPv6 addresses
          --timeout SEC           limit per stage (default 5)
          --json                  write one JSON object (docs/json.md)
          -h, --help              this help

        Exit codes: 0 no stage failed (warnings allowed; the status page never fails the run), 1 a stage
        failed (e.g. AUTH.INVALID_KEY, API.RATE_LIMITED), 2 invalid input.

        Examples:
          conndiag claude
          conndiag claude --proxy http://proxy.corp.example:3128 --cacert /etc/ssl/corp-root.pem
          conndiag claude --base-url http://127.0.0.1:3456 --profile router --token-env ROUTER_APIKEY
          conndiag claude --json | jq -r '.requestIds[]'

        """;

    public const string Watch = """
        conndiag watch - probe an endpoint on a fixed schedule against latency and error-rate thresholds

        Usage:
          conndiag watch TARGET [--interval SEC] [-c|--count N] [--warn-ms MS] [--critical-ms MS]
                         [--error-warn-percent P] [--error-critical-percent P] [--window N]
                         [--stage LIST] [--timeout SEC] [--proxy URL] [--noproxy LIST]
                         [--cacert PATH] [--connect-to ADDR[:PORT]] [-k] [--json]

        TARGET is a URL, a bare HOST (https on 443) or HOST:PORT, as for 'conndiag endpoint'.
        Every SEC seconds (fixed rate: a probe that takes longer makes the next start at once, never
        two at a time) the layered diagnosis runs, or only the stages in --stage. Over the last N
        probes: p50/p95 latency (nearest rank, successful probes only) and the error rate (failed
        probes / window). State: Critical when p95 >= --critical-ms or the error rate >=
        --error-critical-percent, else Warning at the warn thresholds, else Ok.

        Options:
          --interval SEC              seconds between probe starts, 0.1-86400 (default 5)
          -c, --count N               stop after N probes (default: until Ctrl+C)
          --warn-ms MS                p95 latency for Warning (default 500)
          --critical-ms MS            p95 latency for Critical, at least --warn-ms (default 2000)
          --error-warn-percent P      error rate for Warning, above 0 and at most 100 (default 1)
          --error-critical-percent P  error rate for Critical, at least the warning one (default 5)
          --window N                  probes the statistics cover, 1-10000 (default 20)
          --stage LIST                stages to run: config,dns,tcp,proxy,tls,http (comma-separated
                                      or repeated; tcp brings dns, tls brings dns and tcp; http alone
                                      sends the request as a client would). Default: all
          --timeout SEC               limit per stage and per probe, above 0 and up to 300 (default:
                                      5 s per network step, 10 s for HTTP, 10 s per probe)
          --proxy URL, --noproxy LIST, --cacert PATH, --connect-to ADDR[:PORT], -k/--insecure
                                      as for 'conndiag endpoint'
          --json                      one JSON object per probe and line (NDJSON), flushed at once
          -h, --help                  this help

        Output: one line per probe (UTC time, sequence, latency, p50, p95, error rate, state, and the
        failed stage with its finding codes); after a probe that changed the state, a line starting
        with '==> ' names the old and new state and the threshold crossed.

        Exit codes: 0 the last state was Ok, 1 it was Warning or Critical (also after Ctrl+C, the
        usual way to end a watch), 2 invalid input, 130 Ctrl+C before the first probe finished.

        Examples:
          conndiag watch https://api.example.com/health --interval 10
          conndiag watch 127.0.0.1:5432 --stage tcp --interval 1 --critical-ms 50
          conndiag watch http://127.0.0.1:8080/ready --count 60 --json | jq -c 'select(.stateChanged)'

        """;

    public const string Metrics = """
        conndiag metrics - turn conndiag --json results into Prometheus text exposition format

        Usage:
          conndiag metrics [-] [-f|--file PATH]

        Reads the JSON another conndiag command wrote with --json from stdin (or PATH): one value, an
        array, or many values one after another (NDJSON, as watch --json writes). At most 64 MiB is
        read. Every result (endpoint, claude, tcp, tls, clock, dns, status, watch samples) becomes
        conndiag_* metrics for node_exporter's textfile collector: probe success, per-stage and
        per-phase seconds, the earliest TLS expiry as a Unix time, finding counts by code, HTTP status.
        Each family is written once; when two results have the same kind and target, the later one is
        written (a note on stderr says how many reports were replaced; a stream of watch samples
        repeats its target by design and gets no note). No timestamps, no NaN.

        Options:
          -f, --file PATH  read PATH instead of stdin
          -h, --help       this help

        Exit codes: 0 written (whatever the results say: a failed probe is conndiag_probe_success 0),
        2 invalid input: not JSON (with line and column), not a conndiag result, too large, or a
        missing file; nothing is written to stdout then.

        Write the file atomically (the collector must never read half a file): write a temporary file
        in the same directory, then rename it over the old one.

        Examples:
          conndiag endpoint https://api.example.com/health --json | conndiag metrics > /var/lib/node_exporter/textfile/conndiag.prom.tmp \
            && mv /var/lib/node_exporter/textfile/conndiag.prom.tmp /var/lib/node_exporter/textfile/conndiag.prom
          conndiag tls example.com --json | conndiag metrics | grep expiry

        """;

    public const string Report = """
        conndiag report - write a JSON report as one HTML file or as Markdown for a ticket

        Usage:
          conndiag report [FILE|-] [-o|--output PATH] [--format html|markdown] [--force]

        FILE is what 'conndiag endpoint --json', 'conndiag claude --json' or 'conndiag tls --json'
        wrote (one report or an array of them); no FILE, or '-', reads stdin. Each report becomes a
        section: the verdict (outcome, failed stage, target, time), a timing waterfall with one bar
        per stage and per HTTP phase (dns, connect, tls, ttfb, transfer), every stage's outcome and
        summary, the findings with evidence and remedy, the certificate chain and the DNS answers.

        The HTML file is self-contained: inline CSS and SVG, no script, nothing loaded from anywhere.
        All text is escaped (a hostile body or certificate name stays text) and secrets are masked.

        Options:
          -o, --output PATH    write to PATH (atomically: the old file or the whole new one, never a
                               part); without it the document goes to stdout
          --format FORMAT      html or markdown; default from PATH's extension (.html/.htm,
                               .md/.markdown), html on stdout
          --force              overwrite PATH when it exists (without it an existing file is refused)
          -h, --help           this help

        Exit codes: 0 written, 2 invalid input (bad JSON with its line and column, not a report,
        an existing PATH without --force, an unknown extension), 130 cancelled with Ctrl+C.

        Examples:
          conndiag endpoint https://api.example.com/health --json | conndiag report -o report.html
          conndiag claude --json > claude.json; conndiag report claude.json --format markdown

        """;

    public const string Unit = """
        conndiag unit - check the systemd unit behind a service: files, programs, ordering, listen address

        Usage:
          conndiag unit NAME [--root DIR] [--json]
          conndiag unit --path FILE [--root DIR] [--json]
          conndiag unit --port N [--root DIR] [--json]

        NAME is a unit (ccr or ccr.service), found in /etc/systemd/system, /run/systemd/system,
        /usr/local/lib/systemd/system, /usr/lib/systemd/system and /lib/systemd/system, with its drop-ins
        (NAME.service.d/*.conf from every directory, applied in file-name order). --path checks one file and
        the drop-ins in FILE.d/ beside it. --port finds the process listening on TCP port N and the service
        its /proc/PID/cgroup names. The files are only read; systemd need not run.

        Stages and findings (docs/findings.md):
          unit-file  syntax errors with FILE:LINE (SERVICE.UNIT_SYNTAX), a missing required
                     EnvironmentFile= (SERVICE.ENV_FILE_MISSING), no unit (SERVICE.UNIT_NOT_FOUND)
          exec       ExecStartPre/ExecStart/ExecStartPost programs missing, not executable or relative
                     (SERVICE.EXEC_MISSING; a '-' prefix skips), no or several ExecStart= (SERVICE.UNIT_INVALID)
          ordering   Wants=network-online.target without After=, or the reverse (SERVICE.ORDERING)
          settings   Restart=no on a network service, LimitNOFILE= below 4096, User= unknown or root
          runtime    systemctl show (active state, result, restarts) where systemd is PID 1; otherwise
                     SERVICE.RUNTIME_UNCHECKED says it was not checked (SERVICE.INACTIVE when it fails)
          listen     the host and port the unit configures (--port, -p, --host, --bind, --listen, --urls,
                     HOST=, PORT=, ASPNETCORE_URLS=) against what listens (SERVICE.LISTEN_MISMATCH)

        Options:
          --path FILE    check this unit file instead of looking a name up
          -p, --port N   check the service listening on TCP port N
          --root DIR     read the unit's system under DIR instead of / (a mounted image or a copied
                         tree): unit directories, programs, EnvironmentFile= and /etc/passwd
          --json         write one JSON object (docs/json.md)
          -h, --help     this help

        Exit codes: 0 no Error finding (warnings such as SERVICE.ORDERING allowed), 1 an Error finding,
        2 invalid input (a bad name, FILE missing, binary or larger than 4 MiB, not Linux).

        Examples:
          conndiag unit claude-code-router
          conndiag unit --port 3456
          conndiag unit --path ./ccr.service --json | jq -r '.findings[] | "\(.code) \(.summary)"'

        """;

    public const string Firewall = """
        conndiag firewall - the nftables and iptables rules that can affect a port (Linux)

        Usage:
          conndiag firewall [-p|--port N] [--protocol tcp|udp] [--direction in|out|forward]
                            [--netns NAME] [--backend nftables|iptables] [--json]

        Reads `nft -j list ruleset` and `iptables-save -c` / `ip6tables-save -c` (each with a 10 s
        timeout and an output cap) and lists each rule with its table, chain, hook, priority,
        verdict (reject with its type), protocol, ports and nft handle; base chains add a
        "policy" row. Tables that iptables-nft manages appear in both listings: they are listed
        once, from iptables-save; iptables-legacy tables, when iptables-nft reports them, are read
        with iptables-legacy-save. With --port, a rule counts when its port condition (port, range,
        set, named set, negation) includes the port, or when it has no port condition and can drop
        the port anyway (a catch-all drop or reject, a drop policy). Nothing is ever changed.

        Options:
          -p, --port N          rules that can affect port N (1-65535)
          --protocol tcp|udp    rules for this protocol or for any protocol
          --direction DIR       in (input, prerouting), out (output, postrouting) or forward; a regular
                                chain has the direction of the base chains that jump to it
          --netns NAME          read the rules of network namespace NAME (ip netns exec NAME ...),
                                e.g. a container's
          --backend NAME        read only nftables or only iptables (repeatable)
          --json                one JSON object: rules, problems, notes, readBackends (docs/json.md)
          -h, --help            this help

        Reading the rules needs root (or CAP_NET_ADMIN). A missing tool or privilege is one line on
        stderr naming the package to install or the privilege to get.

        Exit codes: 0 the rules were read (whether or not any matched), 1 no backend could be read,
        2 invalid input.

        Examples:
          sudo conndiag firewall --port 3456 --protocol tcp --direction in
          sudo conndiag firewall --netns web1 --json | jq -r '.rules[] | select(.verdict=="Drop") | .ruleText'

        """;
}

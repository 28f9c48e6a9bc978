using ConnDiag.Dns.Configuration;

namespace ConnDiag.Core.Tests.Dns.Configuration;

public class SearchListTests
{
    private static string Run(string name, string search, int ndots = 1, bool noTldQuery = false)
    {
        var options = ResolverOptions.Default with { Ndots = ndots, NoTldQuery = noTldQuery };
        var domains = search.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', SearchList.Candidates(name, domains, options).Select(c => c.Name));
    }

    [Theory]
    // Fewer dots than ndots: the search list first, the name as it is last.
    [InlineData("short", "a.test b.test", 1, "short.a.test short.b.test short")]
    [InlineData("x.y", "a.test b.test", 2, "x.y.a.test x.y.b.test x.y")]
    // At least ndots dots: the name as it is first, then the search list.
    [InlineData("x.y", "a.test b.test", 1, "x.y x.y.a.test x.y.b.test")]
    [InlineData("short", "a.test", 0, "short short.a.test")]
    // A trailing dot is absolute: nothing else is tried.
    [InlineData("x.y.", "a.test b.test", 1, "x.y")]
    [InlineData("short.", "a.test", 5, "short")]
    // Kubernetes: ndots:5 sends an external name through every cluster domain first.
    [InlineData("api.anthropic.com", "default.svc.cluster.local svc.cluster.local cluster.local", 5,
        "api.anthropic.com.default.svc.cluster.local api.anthropic.com.svc.cluster.local api.anthropic.com.cluster.local api.anthropic.com")]
    // No search list: only the name.
    [InlineData("short", "", 1, "short")]
    [InlineData("a.b.c", "", 1, "a.b.c")]
    // A leading dot on a search domain is dropped; "." (the root) means the name itself, tried once.
    [InlineData("short", ".corp.example", 1, "short.corp.example short")]
    [InlineData("short", ". corp.example", 1, "short short.corp.example")]
    [InlineData("x.y", ".", 1, "x.y x.y")]
    public void Candidates_follow_glibc_res_search(string name, string search, int ndots, string expected)
    {
        Assert.Equal(expected, Run(name, search, ndots));
    }

    [Fact]
    public void No_tld_query_never_sends_a_dotless_name_as_it_is_once_searched()
    {
        Assert.Equal("short.a.test", Run("short", "a.test", noTldQuery: true));
        Assert.Equal("short", Run("short", "", noTldQuery: true));
        Assert.Equal("x.y.a.test x.y", Run("x.y", "a.test", ndots: 2, noTldQuery: true));
    }

    [Fact]
    public void Candidates_say_which_search_domain_made_them()
    {
        var c = SearchList.Candidates("svc", [".corp.example", "lab.example"], ResolverOptions.Default);
        Assert.Equal([".corp.example", "lab.example", null], c.Select(x => x.SearchDomain));
    }

    [Fact]
    public void The_configuration_overload_uses_its_search_list_and_options()
    {
        var file = ResolvConfParser.Parse(SampleFiles.Kubernetes, "/etc/resolv.conf");
        var config = new ResolverConfiguration(ResolverPlatform.Linux, "/etc/resolv.conf", file.Servers, [], file.SearchList, file.Options,
            null, [], null, [], ResolvConfGenerator.Unknown, StubResolverKind.None, [], [], [], [], []);
        // ndots:5 from the file: four dots still go through the search list first, five do not.
        Assert.Equal("a.b.c.d.e.default.svc.cluster.local", SearchList.Candidates("a.b.c.d.e", config)[0].Name);
        Assert.Equal("a.b.c.d.e.f", SearchList.Candidates("a.b.c.d.e.f", config)[0].Name);
        Assert.Equal(4, SearchList.Candidates("a.b.c.d.e.f", config).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("tab\there")]
    [InlineData("a..b")]
    [InlineData(".lead")]
    public void Malformed_names_are_refused_with_the_reason(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => SearchList.Candidates(name, [], ResolverOptions.Default));
        Assert.Equal(SearchList.ValidateName(name), ex.Message[..ex.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]);
    }

    [Fact]
    public void The_root_alone_is_a_valid_name()
    {
        Assert.Equal(".", Assert.Single(SearchList.Candidates(".", ["a.test"], ResolverOptions.Default)).Name);
    }
}

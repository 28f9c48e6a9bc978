using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Core.Tests.Monitoring.Prometheus;

/// <summary>One sample line read back: its family name, labels and value.</summary>
public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string this[string label] => Labels[label];
}

/// <summary>
/// A strict reader of the text exposition format 0.0.4 as node_exporter's textfile collector needs it, for what
/// promtool does not check: no timestamps, each family's HELP/TYPE once and before its samples, its samples
/// together, no duplicate series, finite values, _total only on counters. Any breach fails the test; the
/// samples come back for assertions. <see cref="PromtoolCheck"/> runs the real linter on the same text.
/// </summary>
public static partial class Exposition
{
    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        if (text.Length == 0) return samples;
        Assert.True(text.EndsWith('\n'), "the exposition must end with a line feed");
        Assert.DoesNotContain('\r', text);
        var help = new HashSet<string>();
        var types = new Dictionary<string, string>();
        var closed = new HashSet<string>();
        var series = new HashSet<string>();
        string? current = null;
        var lineNumber = 0;
        foreach (var line in text[..^1].Split('\n'))
        {
            lineNumber++;
            var where = $"line {lineNumber}: {line}";
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', 4);
                Assert.True(parts.Length >= 4, where);
                var name = parts[2];
                Assert.Matches(MetricName(), name);
                if (current != name)
                {
                    if (current is not null) closed.Add(current);
                    Assert.DoesNotContain(name, closed);
                    current = name;
                }
                if (parts[1] == "HELP")
                {
                    Assert.True(help.Add(name), $"second HELP for {name}: {where}");
                    Assert.False(string.IsNullOrWhiteSpace(parts[3]), where);
                }
                else
                {
                    Assert.True(help.Contains(name), $"TYPE before HELP: {where}");
                    Assert.False(types.ContainsKey(name), $"second TYPE for {name}: {where}");
                    Assert.Contains(parts[3], new[] { "gauge", "counter", "summary", "histogram", "untyped" });
                    types[name] = parts[3];
                }
                continue;
            }
            Assert.False(line.StartsWith('#'), $"unexpected comment: {where}");
            var sample = ParseSample(line, where);
            Assert.True(current == sample.Name, $"sample outside its family's block (family {current}): {where}");
            Assert.True(types.ContainsKey(sample.Name), $"sample before its TYPE: {where}");
            Assert.True(sample.Name.StartsWith("conndiag_", StringComparison.Ordinal), where);
            Assert.False(sample.Name.EndsWith("_total", StringComparison.Ordinal) && types[sample.Name] != "counter", $"_total on a {types[sample.Name]}: {where}");
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            Assert.True(series.Add(key), $"duplicate series: {where}");
            samples.Add(sample);
        }
        return samples;
    }

    private static Sample ParseSample(string line, string where)
    {
        var m = SampleStart().Match(line);
        Assert.True(m.Success, $"not a sample line: {where}");
        var name = m.Groups[1].Value;
        var labels = new Dictionary<string, string>();
        var i = m.Length;
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var ln = LabelName().Match(line, i);
                Assert.True(ln.Success && ln.Index == i, $"bad label name at {i}: {where}");
                Assert.False(ln.Groups[1].Value.StartsWith("__", StringComparison.Ordinal), where);
                i += ln.Length;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new Xunit.Sdk.XunitException($"undefined escape \\{other}: {where}"),
                        });
                    }
                    else
                    {
                        Assert.False(char.IsControl(line[i]), $"control character in a label value: {where}");
                        value.Append(line[i]);
                    }
                    i++;
                }
                i++;
                Assert.True(labels.TryAdd(ln.Groups[1].Value, value.ToString()), $"label twice: {where}");
                if (line[i] == ',') i++;
            }
            i++;
        }
        var rest = line[i..];
        Assert.True(rest.StartsWith(' '), where);
        var fields = rest.Trim().Split(' ');
        Assert.True(fields.Length == 1, $"a timestamp (or extra field) after the value: {where}");
        Assert.True(double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v), $"value is not a finite number: {where}");
        return new Sample(name, labels, v);
    }

    /// <summary>Runs `promtool check metrics` (Debian's prometheus package) on the text: it must report no problem.</summary>
    public static void PromtoolCheck(string text)
    {
        var r = ProcessRunner.Run("promtool", ["check", "metrics"], stdin: text, check: false);
        Assert.True(r.ExitCode == 0 && r.StdOut.Trim().Length == 0 && r.StdErr.Trim().Length == 0,
            $"promtool check metrics: exit {r.ExitCode}\n{r.StdOut}{r.StdErr}\n--- input\n{text}");
    }

    /// <summary>Both checks, then the samples.</summary>
    public static IReadOnlyList<Sample> Check(string text)
    {
        PromtoolCheck(text);
        return Parse(text);
    }

    public static IReadOnlyList<Sample> Named(this IReadOnlyList<Sample> samples, string name) => samples.Where(s => s.Name == name).ToList();

    /// <summary>The one sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/> ("key=value").</summary>
    public static Sample One(this IReadOnlyList<Sample> samples, string name, params string[] labels)
    {
        var matching = samples.Where(s => s.Name == name && labels.All(l =>
        {
            var eq = l.IndexOf('=');
            return s.Labels.TryGetValue(l[..eq], out var v) && v == l[(eq + 1)..];
        })).ToList();
        Assert.True(matching.Count == 1, $"{matching.Count} samples of {name} with {string.Join(",", labels)}; samples of it: {string.Join("; ", samples.Where(s => s.Name == name).Select(s => string.Join(",", s.Labels.Select(kv => kv.Key + "=" + kv.Value)) + " " + s.Value))}");
        return matching[0];
    }

    [GeneratedRegex("^([a-zA-Z_:][a-zA-Z0-9_:]*)$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^([a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex SampleStart();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"")]
    private static partial Regex LabelName();
}

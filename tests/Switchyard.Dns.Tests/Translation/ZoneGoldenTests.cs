using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Tests.Shared;
using Switchyard.Translation;

namespace Switchyard.Dns.Tests.Translation;

/// <summary>
/// Store → IR → zone file: every folder under <c>testdata/</c> holds <c>input.yaml</c> (plain manifests), an optional
/// <c>options.yaml</c>, and the expected <c>zone.txt</c> (all zones) and <c>warnings.txt</c>.
/// <c>SWITCHYARD_UPDATE_GOLDEN=1</c> rewrites the expected files.
/// </summary>
public sealed class ZoneGoldenTests
{
    public static TheoryData<string> Cases => [.. GoldenFiles.CaseNames(Root())];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_Case_MatchesZoneFile(string name)
    {
        var dir = Path.Combine(Root(), name);
        var result = Run(File.ReadAllText(Path.Combine(dir, "input.yaml")), Options(dir));
        Assert.Empty(result.Snapshot.Validate());

        var zone = new StringWriter { NewLine = "\n" };
        DnsZoneWriter.WriteAll(result.Snapshot, zone);
        var warnings = new StringBuilder();
        foreach (var warning in result.Warnings)
        {
            warnings.Append(warning).Append('\n');
        }

        AssertMatches(dir, "zone.txt", zone.ToString());
        AssertMatches(dir, "warnings.txt", warnings.ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_DocumentsReversed_SameZone(string name)
    {
        var dir = Path.Combine(Root(), name);
        var yaml = File.ReadAllText(Path.Combine(dir, "input.yaml"));
        var reversed = string.Join("\n---\n", yaml.Split("\n---\n").Reverse());
        var a = new StringWriter();
        var b = new StringWriter();
        DnsZoneWriter.WriteAll(Run(yaml, Options(dir)).Snapshot, a);
        DnsZoneWriter.WriteAll(Run(reversed, Options(dir)).Snapshot, b);
        Assert.Equal(a.ToString(), b.ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_FieldsDropped_NeverThrowsAndStaysValid(string name)
    {
        var dir = Path.Combine(Root(), name);
        var variants = 0;
        foreach (var mutated in FieldDrops.Each(File.ReadAllText(Path.Combine(dir, "input.yaml"))))
        {
            var snapshot = Run(mutated, Options(dir)).Snapshot;
            Assert.Empty(snapshot.Validate());
            DnsView.Compile(snapshot);
            variants++;
        }

        Assert.True(variants > 0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compile_Case_ViewAnswersEveryRecordName(string name)
    {
        // Every owner in the zone file answers NOERROR with the records listed for its type.
        var dir = Path.Combine(Root(), name);
        var snapshot = Run(File.ReadAllText(Path.Combine(dir, "input.yaml")), Options(dir)).Snapshot;
        var view = DnsView.Compile(snapshot);
        foreach (var group in snapshot.Dns.Records.GroupBy(r => (r.Name, r.Type)))
        {
            var query = Support.QueryBuilder.Query(group.Key.Name, (ushort)group.Key.Type);
            var buffer = new byte[65535];
            var length = DnsResponder.Respond(view, query, buffer, true, default, out _);
            var response = Support.DecodedMessage.Parse(buffer.AsSpan(0, length));
            Assert.Equal(0, response.Rcode);
            var expected = group.Select(r => DnsZoneWriter.FormatRecord(r, (uint)snapshot.Generation)).ToList();
            Assert.Equal(expected, response.Answers);
        }
    }

    internal static TranslationResult Run(string yaml, TranslatorOptions options)
    {
        var load = ManifestLoader.LoadString("input.yaml", yaml, DateTime.UnixEpoch);
        var store = new ResourceStore();
        store.ReplaceAll(load);
        var translator = new Translator(options, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        return translator.Translate(store.Current, generation: 1);
    }

    internal static TranslatorOptions Options(string dir)
    {
        var options = new TranslatorOptions();
        var path = Path.Combine(dir, "options.yaml");
        if (!File.Exists(path))
        {
            return options;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].StartsWith('#'))
            {
                continue;
            }

            options = parts[0] switch
            {
                "clusterDomain" => options with { ClusterDomain = parts[1] },
                "dnsTtl" => options with { DnsTtl = TimeSpan.FromSeconds(int.Parse(parts[1], CultureInfo.InvariantCulture)) },
                "dnsServerAddress" => options with { DnsServerAddress = System.Net.IPAddress.Parse(parts[1]) },
                _ => throw new InvalidOperationException($"{path}: unknown option {parts[0]}"),
            };
        }

        return options;
    }

    internal static string Root([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "..", "testdata");

    private static void AssertMatches(string dir, string fileName, string actual) => GoldenFiles.AssertMatches(dir, fileName, actual);
}

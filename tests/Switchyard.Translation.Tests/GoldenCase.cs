using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Status;
using Switchyard.Translation;

using Switchyard.Tests.Shared;

namespace Switchyard.Translation.Tests;

/// <summary>
/// One folder of <c>testdata/</c>: <c>input.yaml</c> in, <c>status.yaml</c>, <c>ir.yaml</c>, (when objects are
/// refused) <c>errors.txt</c> and (when the translator warns) <c>warnings.txt</c> out. <c>SWITCHYARD_UPDATE_GOLDEN=1</c> rewrites the expected files.
/// </summary>
internal static class GoldenCase
{
    /// <summary>All times are the epoch, so lastTransitionTime and creationTimestamp are zeroed in golden files.</summary>
    public static readonly DateTime Epoch = DateTime.UnixEpoch;

    public static string Root([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "testdata");

    public static IEnumerable<string> Names() => GoldenFiles.CaseNames(Root());

    public static bool Updating => GoldenFiles.Updating;

    public static TranslatorOptions Options(string dir)
    {
        var path = Path.Combine(dir, "options.yaml");
        if (!File.Exists(path))
        {
            return new TranslatorOptions();
        }

        var options = new TranslatorOptions();
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].StartsWith('#'))
            {
                continue;
            }

            options = parts[0] switch
            {
                "bindAddress" => options with { BindAddress = parts[1] },
                "gatewayControllerName" => options with { GatewayControllerName = parts[1] },
                "nodeName" => options with { NodeName = parts[1] },
                "nodeAddress" => options with { NodeAddress = parts[1].Length == 0 ? null : parts[1] },
                "ingressControllerName" => options with { IngressControllerName = parts[1] },
                "ingressHttp" => options with { IngressHttp = Endpoint(parts[1]) },
                "ingressHttps" => options with { IngressHttps = Endpoint(parts[1]) },
                "ingressSslRedirect" => options with { IngressSslRedirect = bool.Parse(parts[1]) },
                "ingressHttpsPublicPort" => options with { IngressHttpsPublicPort = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) },
                "defaultCertificate" => options with { DefaultCertificate = parts[1] },
                _ => throw new InvalidOperationException($"{path}: unknown option {parts[0]}"),
            };
        }

        return options;
    }

    private static System.Net.IPEndPoint? Endpoint(string text) => text == "off" ? null : System.Net.IPEndPoint.Parse(text);

    /// <summary>Translation warnings, one per line, in the order the translator reported them.</summary>
    public static string WarningsText(TranslationResult result)
    {
        var sb = new StringBuilder();
        foreach (var warning in result.Warnings)
        {
            sb.Append(warning).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Runs the whole pipeline on a manifest text: load (at the epoch), store, translate.</summary>
    public static (LoadResult Load, StoreSnapshot Store, TranslationResult Result) Run(string yaml, TranslatorOptions options)
    {
        var load = ManifestLoader.LoadString("input.yaml", yaml, Epoch);
        var store = new ResourceStore();
        store.ReplaceAll(load);
        var translator = new Translator(options, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var result = translator.Translate(store.Current, generation: 1);
        return (load, store.Current, result);
    }

    public static string StatusYaml(StoreSnapshot store, TranslationResult result) => YamlWriter.Write(ObjectDocuments.List(store, result));

    public static string IrYaml(TranslationResult result) => YamlWriter.Write(JsonNode.Parse(IrJson.Serialize(result.Snapshot)));

    public static string ErrorsText(LoadResult load) => GoldenFiles.ErrorsText(load);

    /// <summary>Compares with the expected file, or rewrites it in update mode.</summary>
    public static void AssertMatches(string dir, string fileName, string actual) => GoldenFiles.AssertMatches(dir, fileName, actual);
}

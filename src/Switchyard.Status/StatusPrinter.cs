using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Status;

/// <summary>Prints every object with its computed status: table, yaml (a <c>kind: List</c>) or json.</summary>
public static class StatusPrinter
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Format(StoreSnapshot store, TranslationResult result, string output)
    {
        var list = ObjectDocuments.List(store, result);
        switch (output)
        {
            case "yaml":
                return YamlWriter.Write(list);
            case "json":
                return list.ToJsonString(Indented) + "\n";
            default:
                var rows = new List<IReadOnlyList<string>>();
                foreach (var item in list["items"]!.AsArray().OfType<JsonObject>())
                {
                    var meta = item["metadata"] as JsonObject;
                    rows.Add(
                    [
                        item["kind"]?.GetValue<string>() ?? "?",
                        meta?["namespace"]?.GetValue<string>() ?? "-",
                        meta?["name"]?.GetValue<string>() ?? "?",
                        StatusSummary.Of(item),
                    ]);
                }

                return TablePrinter.Format(["KIND", "NAMESPACE", "NAME", "STATUS"], rows);
        }
    }
}

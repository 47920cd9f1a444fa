using System.Text.Json.Nodes;
using k8s;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Status;

/// <summary>Builds the printed form of objects: the stored object with its computed <c>.status</c>.</summary>
public static class ObjectDocuments
{
    public static JsonObject WithStatus(StoredObject stored, TranslationResult result)
    {
        var node = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(stored.Object))!;
        if (result.Status.TryGetValue(stored.Key, out var status))
        {
            node["status"] = JsonNode.Parse(KubernetesJson.Serialize(status));
        }

        return node;
    }

    /// <summary>A <c>kind: List</c> of every object with its status, in store order.</summary>
    public static JsonObject List(StoreSnapshot store, TranslationResult result)
    {
        var items = new JsonArray();
        foreach (var stored in store.All)
        {
            items.Add(WithStatus(stored, result));
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = items,
        };
    }
}

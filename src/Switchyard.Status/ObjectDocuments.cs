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

    public static JsonObject Generated(GeneratedObject generated) => (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(generated.Object))!;

    /// <summary>
    /// A <c>kind: List</c> of every object with its status, in key order: the stored objects and, among them, the
    /// objects generated for them (each Gateway's Service), as <c>kubectl get</c> lists both.
    /// </summary>
    public static JsonObject List(StoreSnapshot store, TranslationResult result)
    {
        var items = new JsonArray();
        var generated = 0;
        foreach (var stored in store.All)
        {
            for (; generated < result.Generated.Length && result.Generated[generated].Key.CompareTo(stored.Key) < 0; generated++)
            {
                items.Add(Generated(result.Generated[generated]));
            }

            items.Add(WithStatus(stored, result));
        }

        for (; generated < result.Generated.Length; generated++)
        {
            items.Add(Generated(result.Generated[generated]));
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = items,
        };
    }
}

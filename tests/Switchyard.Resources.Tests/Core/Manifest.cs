using k8s;

namespace Switchyard.Resources.Tests.Core;

/// <summary>Builds objects from JSON, the way the loader receives them.</summary>
internal static class Manifest
{
    public static T Parse<T>(string json) => KubernetesJson.Deserialize<T>(json);
}

using k8s.Models;

namespace Switchyard.Resources.Model;

public static class MetadataExtensions
{
    public static string? Annotation(this V1ObjectMeta meta, string key) =>
        meta.Annotations is not null && meta.Annotations.TryGetValue(key, out var value) ? value : null;

    public static string? Label(this V1ObjectMeta meta, string key) =>
        meta.Labels is not null && meta.Labels.TryGetValue(key, out var value) ? value : null;
}

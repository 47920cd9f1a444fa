using System.Text;
using k8s.Models;

namespace Switchyard.Resources.Validation;

/// <summary>Object metadata as the API server checks it on create (apimachinery <c>ValidateObjectMeta</c>).</summary>
internal static class ObjectMetaValidation
{
    /// <summary>Total size of all annotation keys and values (256 KiB).</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    /// <summary>Validates name (with the kind's name format), namespace, labels and annotations.</summary>
    /// <param name="meta">The object's metadata.</param>
    /// <param name="namespaced">Whether the kind is namespaced. The loader fills an empty namespace beforehand, as kubectl would.</param>
    /// <param name="nameFormat">The kind's name format, e.g. <see cref="NameValidation.NameIsDnsSubdomain"/>.</param>
    /// <param name="ctx">Collects errors.</param>
    public static void Validate(V1ObjectMeta? meta, bool namespaced, Func<string, bool, IReadOnlyList<string>> nameFormat, ValidationContext ctx)
    {
        var generateName = meta?.GenerateName;
        if (!string.IsNullOrEmpty(generateName))
        {
            foreach (var msg in nameFormat(generateName, true))
            {
                ctx.Invalid("metadata.generateName", generateName, msg);
            }
        }

        // There is no name generator without an API server, so a name is always needed here.
        var name = meta?.Name;
        if (string.IsNullOrEmpty(name))
        {
            ctx.Required("metadata.name", "name or generateName is required");
        }
        else
        {
            foreach (var msg in nameFormat(name, false))
            {
                ctx.Invalid("metadata.name", name, msg);
            }
        }

        var ns = meta?.NamespaceProperty;
        if (namespaced)
        {
            if (string.IsNullOrEmpty(ns))
            {
                ctx.Required("metadata.namespace");
            }
            else
            {
                foreach (var msg in NameValidation.NameIsDnsLabel(ns, false))
                {
                    ctx.Invalid("metadata.namespace", ns, msg);
                }
            }
        }
        else if (!string.IsNullOrEmpty(ns))
        {
            ctx.Forbidden("metadata.namespace", "not allowed on this type");
        }

        if (meta?.Generation is < 0)
        {
            ctx.Invalid("metadata.generation", meta.Generation.Value, "must be greater than or equal to 0");
        }

        LabelSelectorValidation.ValidateLabels(meta?.Labels, "metadata.labels", ctx);
        ValidateAnnotations(meta?.Annotations, "metadata.annotations", ctx);
    }

    /// <summary>Annotation keys are qualified names compared case-insensitively; all keys and values together fit in 256 KiB.</summary>
    public static void ValidateAnnotations(IDictionary<string, string>? annotations, string path, ValidationContext ctx)
    {
        if (annotations is null)
        {
            return;
        }

        long totalSize = 0;
        foreach (var key in annotations.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var msg in NameValidation.IsQualifiedName(key.ToLowerInvariant()))
            {
                ctx.Invalid(path, key, msg);
            }

            totalSize += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(annotations[key] ?? string.Empty);
        }

        if (totalSize > TotalAnnotationSizeLimitBytes)
        {
            ctx.TooLong(path, TotalAnnotationSizeLimitBytes);
        }
    }
}

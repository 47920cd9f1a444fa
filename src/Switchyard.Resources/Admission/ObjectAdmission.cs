using k8s.Models;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;

namespace Switchyard.Resources.Admission;

/// <summary>
/// The admission steps of the API server that need more than one object: namespace labels, implicit namespaces,
/// and the default IngressClass assignment.
/// </summary>
public static class ObjectAdmission
{
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";
    public const string LegacyIngressClassAnnotation = "kubernetes.io/ingress.class";
    public const string DefaultIngressClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    public static IReadOnlyList<LoadedObject> Admit(IReadOnlyList<LoadedObject> objects, List<LoadError> errors)
    {
        var defaultClass = objects
            .Where(o => o.Object is V1IngressClass c && IsDefaultClass(c))
            .Select(o => (V1IngressClass)o.Object)
            .OrderByDescending(c => c.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(c => c.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();

        var admitted = new List<LoadedObject>(objects.Count);
        foreach (var loaded in objects)
        {
            switch (loaded.Object)
            {
                case V1Namespace ns:
                    ns.Metadata.Labels ??= new Dictionary<string, string>();
                    ns.Metadata.Labels[NamespaceNameLabel] = ns.Metadata.Name;
                    break;
                case V1Ingress ingress:
                    var legacy = ingress.Metadata.Annotation(LegacyIngressClassAnnotation);
                    if (ingress.Spec?.IngressClassName is not null && legacy is not null)
                    {
                        errors.Add(new LoadError(loaded.Location, loaded.Key, "metadata.annotations",
                            $"Invalid value: \"{legacy}\": can not be set when the class field is also set (annotation {LegacyIngressClassAnnotation})"));
                        continue;
                    }

                    if (ingress.Spec is not null && ingress.Spec.IngressClassName is null && legacy is null && defaultClass is not null)
                    {
                        ingress.Spec.IngressClassName = defaultClass.Metadata.Name;
                    }

                    break;
            }

            admitted.Add(loaded);
        }

        return admitted;
    }

    /// <summary>A namespace used by objects but not declared exists implicitly, with only its name label.</summary>
    public static IReadOnlyList<LoadedObject> AddImplicitNamespaces(IReadOnlyList<LoadedObject> objects, DateTime now, Func<ResourceKey, DateTime?>? existingCreation)
    {
        var declared = objects.Where(o => o.Object is V1Namespace).Select(o => o.Key.Name).ToHashSet(StringComparer.Ordinal);
        var used = objects.Select(o => o.Key.Namespace).Where(ns => ns.Length > 0 && !declared.Contains(ns)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (used.Count == 0)
        {
            return objects;
        }

        var info = KindRegistry.For<V1Namespace>();
        var result = objects.ToList();
        foreach (var name in used)
        {
            var key = new ResourceKey(string.Empty, "Namespace", string.Empty, name);
            var ns = new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    CreationTimestamp = existingCreation?.Invoke(key) ?? now,
                    Generation = 1,
                    Labels = new Dictionary<string, string> { [NamespaceNameLabel] = name },
                },
            };
            result.Add(new LoadedObject(info, key, ns, new SourceLocation("<implicit>", 0)));
        }

        return result;
    }

    public static bool IsDefaultClass(V1IngressClass ingressClass) =>
        string.Equals(ingressClass.Metadata.Annotation(DefaultIngressClassAnnotation), "true", StringComparison.Ordinal);
}

using System.Collections.Frozen;
using k8s;
using k8s.Models;
using Switchyard.Resources.Admission;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Model;

/// <summary>The kinds Switchyard reads from manifests, by apiVersion and kind.</summary>
public static class KindRegistry
{
    public static IReadOnlyList<KindInfo> All { get; } =
    [
        Core<V1Namespace>("Namespace", namespaced: false, CoreDefaults.Namespace, CoreValidation.Namespace),
        Core<V1Service>("Service", namespaced: true, CoreDefaults.Service, CoreValidation.Service),
        Core<V1Pod>("Pod", namespaced: true, CoreDefaults.Pod, CoreValidation.Pod),
        Core<V1Secret>("Secret", namespaced: true, CoreDefaults.Secret, CoreValidation.Secret),
        Core<V1ConfigMap>("ConfigMap", namespaced: true, null, CoreValidation.ConfigMap),
        Kind<V1EndpointSlice>("discovery.k8s.io", "EndpointSlice", ["v1"], true, CoreDefaults.EndpointSlice, CoreValidation.EndpointSlice),
        Kind<V1Ingress>("networking.k8s.io", "Ingress", ["v1"], true, CoreDefaults.Ingress, CoreValidation.Ingress),
        Kind<V1IngressClass>("networking.k8s.io", "IngressClass", ["v1"], false, CoreDefaults.IngressClass, CoreValidation.IngressClass),
        Kind<V1NetworkPolicy>("networking.k8s.io", "NetworkPolicy", ["v1"], true, CoreDefaults.NetworkPolicy, CoreValidation.NetworkPolicy),
        Kind<GatewayClass>(GatewayApiGroup.Name, GatewayClass.KindName, ["v1", "v1beta1"], false, GatewayApiDefaults.GatewayClass, WithMetadata<GatewayClass>(GatewayApiValidation.GatewayClass)),
        Kind<Gateway>(GatewayApiGroup.Name, Gateway.KindName, ["v1", "v1beta1"], true, GatewayApiDefaults.Gateway, WithMetadata<Gateway>(GatewayApiValidation.Gateway)),
        Kind<HttpRoute>(GatewayApiGroup.Name, HttpRoute.KindName, ["v1", "v1beta1"], true, GatewayApiDefaults.HttpRoute, WithMetadata<HttpRoute>(GatewayApiValidation.HttpRoute)),
        Kind<GrpcRoute>(GatewayApiGroup.Name, GrpcRoute.KindName, ["v1", "v1beta1"], true, GatewayApiDefaults.GrpcRoute, WithMetadata<GrpcRoute>(GatewayApiValidation.GrpcRoute)),
        Kind<ReferenceGrant>(GatewayApiGroup.Name, ReferenceGrant.KindName, ["v1beta1", "v1"], true, null, WithMetadata<ReferenceGrant>(GatewayApiValidation.ReferenceGrant)),
        Kind<BackendTlsPolicy>(GatewayApiGroup.Name, BackendTlsPolicy.KindName, ["v1"], true, GatewayApiDefaults.BackendTlsPolicy, WithMetadata<BackendTlsPolicy>(GatewayApiValidation.BackendTlsPolicy)),
        Kind<TlsRoute>(GatewayApiGroup.Name, TlsRoute.KindName, ["v1", "v1alpha2"], true, GatewayApiDefaults.TlsRoute, WithMetadata<TlsRoute>(GatewayApiValidation.TlsRoute)),
        Kind<ListenerSet>(GatewayApiGroup.Name, ListenerSet.KindName, ["v1"], true, GatewayApiDefaults.ListenerSet, WithMetadata<ListenerSet>(GatewayApiValidation.ListenerSet)),
        Passive<V1Deployment>("Deployment"),
        Passive<V1StatefulSet>("StatefulSet"),
        Passive<V1DaemonSet>("DaemonSet"),
    ];

    private static readonly FrozenDictionary<string, KindInfo> ByGroupKind =
        All.ToFrozenDictionary(k => GroupKindKey(k.Group, k.Kind), StringComparer.Ordinal);

    /// <summary>Finds the kind for an object's apiVersion and kind, or null when Switchyard does not read it.</summary>
    public static KindInfo? Find(string apiVersion, string kind)
    {
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        if (!ByGroupKind.TryGetValue(GroupKindKey(group, kind), out var info))
        {
            return null;
        }

        return info.Versions.Contains(version, StringComparer.Ordinal) ? info : null;
    }

    /// <summary>Finds the kind by group and kind name alone (version-independent).</summary>
    public static KindInfo? FindByGroupKind(string group, string kind) =>
        ByGroupKind.TryGetValue(GroupKindKey(group, kind), out var info) ? info : null;

    public static KindInfo For<T>() => All.First(k => k.ClrType == typeof(T));

    private static string GroupKindKey(string group, string kind) => group + "/" + kind;

    private static KindInfo Core<T>(string kind, bool namespaced, Action<T>? defaults, Action<T, ValidationContext>? validate)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Kind(string.Empty, kind, ["v1"], namespaced, defaults, validate);

    private static KindInfo Passive<T>(string kind)
        where T : class, IKubernetesObject<V1ObjectMeta> => Kind<T>("apps", kind, ["v1"], true, null, WithMetadata<T>(null)) with { Passive = true };

    /// <summary>Kinds whose own validation does not cover ObjectMeta get the generic checks (DNS-1123 subdomain names).</summary>
    private static Action<T, ValidationContext> WithMetadata<T>(Action<T, ValidationContext>? validate)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        (obj, ctx) =>
        {
            var namespaced = FindByGroupKind(obj.ApiVersion.Contains('/', StringComparison.Ordinal) ? obj.ApiVersion[..obj.ApiVersion.LastIndexOf('/')] : string.Empty, obj.Kind)?.Namespaced ?? true;
            ObjectMetaValidation.Validate(obj.Metadata, namespaced, NameValidation.NameIsDnsSubdomain, ctx);
            validate?.Invoke(obj, ctx);
        };

    private static KindInfo Kind<T>(string group, string kind, string[] versions, bool namespaced, Action<T>? defaults, Action<T, ValidationContext>? validate)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new()
        {
            Group = group,
            Kind = kind,
            Versions = versions,
            ClrType = typeof(T),
            Namespaced = namespaced,
            Default = defaults is null ? null : o => defaults((T)o),
            Validate = validate is null ? null : (o, ctx) => validate((T)o, ctx),
            Deserialize = json => KubernetesJson.Deserialize<T>(json),
        };
}

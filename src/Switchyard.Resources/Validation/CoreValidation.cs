using System.Globalization;
using System.Text;
using k8s.Models;

namespace Switchyard.Resources.Validation;

/// <summary>
/// Core API validation that matters for routing (pkg/apis/core/validation, pkg/apis/networking/validation,
/// pkg/apis/discovery/validation), run on defaulted objects as the API server runs it on create. Paths and messages
/// follow the server's, so a rejected manifest reads as <c>kubectl apply</c> would report it.
/// </summary>
/// <remarks>
/// What needs cluster state is left out: immutability on update, IP families the cluster has configured, node-port
/// ranges and allocation, and admission plugins.
/// </remarks>
public static partial class CoreValidation
{
    /// <summary>Largest total size of a Secret's or ConfigMap's data (1 MiB).</summary>
    public const int MaxSecretSize = 1024 * 1024;

    private static readonly string[] StandardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

    public static void Namespace(V1Namespace ns, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(ns.Metadata, namespaced: false, NameValidation.NameIsDnsLabel, ctx);
        foreach (var finalizer in ns.Spec?.Finalizers ?? [])
        {
            var name = finalizer ?? string.Empty;
            foreach (var msg in NameValidation.IsQualifiedName(name))
            {
                ctx.Invalid("spec.finalizers", name, msg);
            }

            if (!name.Contains('/', StringComparison.Ordinal) && !StandardFinalizers.Contains(name, StringComparer.Ordinal))
            {
                ctx.Invalid("spec.finalizers", name, "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
    }

    public static void Secret(V1Secret secret, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(secret.Metadata, namespaced: true, NameValidation.NameIsDnsSubdomain, ctx);

        var data = secret.Data;
        long totalSize = 0;
        foreach (var key in (data?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            foreach (var msg in NameValidation.IsConfigMapKey(key))
            {
                ctx.Invalid($"data[{key}]", key, msg);
            }

            totalSize += data![key]?.Length ?? 0;
        }

        if (totalSize > MaxSecretSize)
        {
            ctx.TooLong("data", MaxSecretSize);
        }

        switch (secret.Type)
        {
            case "kubernetes.io/tls":
                RequireKey(data, "tls.crt", ctx);
                RequireKey(data, "tls.key", ctx);
                break;
            case "kubernetes.io/basic-auth":
                // Either may be empty, but one of them must be present.
                if (data?.ContainsKey("username") != true && data?.ContainsKey("password") != true)
                {
                    ctx.Required("data[username]");
                    ctx.Required("data[password]");
                }

                break;
            case "kubernetes.io/ssh-auth":
                if (data is null || !data.TryGetValue("ssh-privatekey", out var privateKey) || privateKey is not { Length: > 0 })
                {
                    ctx.Required("data[ssh-privatekey]");
                }

                break;
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(GetValue(secret.Metadata?.Annotations, "kubernetes.io/service-account.name")))
                {
                    ctx.Required("metadata.annotations[kubernetes.io/service-account.name]");
                }

                break;
            case "kubernetes.io/dockercfg":
                RequireKey(data, ".dockercfg", ctx);
                break;
            case "kubernetes.io/dockerconfigjson":
                RequireKey(data, ".dockerconfigjson", ctx);
                break;
        }
    }

    public static void ConfigMap(V1ConfigMap configMap, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(configMap.Metadata, namespaced: true, NameValidation.NameIsDnsSubdomain, ctx);

        long totalSize = 0;
        foreach (var key in (configMap.Data?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            foreach (var msg in NameValidation.IsConfigMapKey(key))
            {
                ctx.Invalid($"data[{key}]", key, msg);
            }

            if (configMap.BinaryData?.ContainsKey(key) == true)
            {
                ctx.Invalid($"data[{key}]", key, "duplicate of key present in binaryData");
            }

            totalSize += Encoding.UTF8.GetByteCount(configMap.Data![key] ?? string.Empty);
        }

        foreach (var key in (configMap.BinaryData?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            foreach (var msg in NameValidation.IsConfigMapKey(key))
            {
                ctx.Invalid($"binaryData[{key}]", key, msg);
            }

            totalSize += configMap.BinaryData![key]?.Length ?? 0;
        }

        if (totalSize > MaxSecretSize)
        {
            // The server reports this against field.NewPath(""), which prints as "[]".
            ctx.TooLong("[]", MaxSecretSize);
        }
    }

    private static void RequireKey(IDictionary<string, byte[]>? data, string key, ValidationContext ctx)
    {
        if (data?.ContainsKey(key) != true)
        {
            ctx.Required($"data[{key}]");
        }
    }

    private static string? GetValue(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}

using k8s.Models;

namespace Switchyard.Resources.Validation;

public static partial class CoreValidation
{
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] InvalidPathSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidPathSuffixes = ["/..", "/."];
    private static readonly string[] ParametersScopes = ["Cluster", "Namespace"];

    private const int MaxIngressClassControllerLength = 250;

    public static void Ingress(V1Ingress ingress, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(ingress.Metadata, namespaced: true, NameValidation.NameIsDnsSubdomain, ctx);

        var spec = ingress.Spec ?? new V1IngressSpec();
        var rules = spec.Rules ?? [];
        if (rules.Count == 0 && spec.DefaultBackend is null)
        {
            ctx.InvalidRendered("spec", spec.Rules is null ? "null" : "[]", "either `defaultBackend` or `rules` must be specified");
        }

        if (spec.DefaultBackend is not null)
        {
            ValidateIngressBackend(spec.DefaultBackend, "spec.defaultBackend", ctx);
        }

        for (var i = 0; i < rules.Count; i++)
        {
            ValidateIngressRule(rules[i] ?? new V1IngressRule(), Index("spec.rules", i), ctx);
        }

        var tls = spec.Tls ?? [];
        for (var i = 0; i < tls.Count; i++)
        {
            var path = Index("spec.tls", i);
            var hosts = tls[i]?.Hosts ?? [];
            for (var h = 0; h < hosts.Count; h++)
            {
                var host = hosts[h] ?? string.Empty;
                var errs = host.Contains('*', StringComparison.Ordinal)
                    ? NameValidation.IsWildcardDns1123Subdomain(host)
                    : NameValidation.IsDns1123Subdomain(host);
                foreach (var msg in errs)
                {
                    ctx.Invalid(Index(path + ".hosts", h), host, msg);
                }
            }

            if (!string.IsNullOrEmpty(tls[i]?.SecretName))
            {
                foreach (var msg in NameValidation.IsDns1123Subdomain(tls[i].SecretName))
                {
                    ctx.Invalid(path + ".secretName", tls[i].SecretName, msg);
                }
            }
        }

        if (spec.IngressClassName is not null)
        {
            foreach (var msg in NameValidation.IsDns1123Subdomain(spec.IngressClassName))
            {
                ctx.Invalid("spec.ingressClassName", spec.IngressClassName, msg);
            }
        }

        var classAnnotation = GetValue(ingress.Metadata?.Annotations, "kubernetes.io/ingress.class");
        if (classAnnotation is not null && spec.IngressClassName is not null && classAnnotation != spec.IngressClassName)
        {
            // Upstream builds this path as a child named after the annotation key, not as a map key.
            ctx.Invalid("annotations.kubernetes.io/ingress.class", classAnnotation, "must match `ingressClassName` when both are specified");
        }
    }

    public static void IngressClass(V1IngressClass ingressClass, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(ingressClass.Metadata, namespaced: false, NameValidation.NameIsDnsSubdomain, ctx);

        var spec = ingressClass.Spec ?? new V1IngressClassSpec();
        if (string.IsNullOrEmpty(spec.Controller))
        {
            ctx.Required("spec.controller");
        }
        else
        {
            if (System.Text.Encoding.UTF8.GetByteCount(spec.Controller) > MaxIngressClassControllerLength)
            {
                ctx.TooLong("spec.controller", MaxIngressClassControllerLength);
            }

            NameValidation.ValidateDomainPrefixedPath(ctx, "spec.controller", spec.Controller);
        }

        if (spec.Parameters is { } parameters)
        {
            ValidateIngressClassParameters(parameters, ctx);
        }
    }

    private static void ValidateIngressRule(V1IngressRule rule, string path, ValidationContext ctx)
    {
        if (!string.IsNullOrEmpty(rule.Host))
        {
            if (IpValidation.TryParseSloppy(rule.Host, out _))
            {
                ctx.Invalid(path + ".host", rule.Host, "must be a DNS name, not an IP address");
            }

            // A wildcard must be the whole leftmost label: "*.example.com".
            var errs = rule.Host.Contains('*', StringComparison.Ordinal)
                ? NameValidation.IsWildcardDns1123Subdomain(rule.Host)
                : NameValidation.IsDns1123Subdomain(rule.Host);
            foreach (var msg in errs)
            {
                ctx.Invalid(path + ".host", rule.Host, msg);
            }
        }

        if (rule.Http is null)
        {
            return;
        }

        var paths = rule.Http.Paths ?? [];
        if (paths.Count == 0)
        {
            ctx.Required(path + ".http.paths");
        }

        for (var i = 0; i < paths.Count; i++)
        {
            ValidateHttpIngressPath(paths[i] ?? new V1HTTPIngressPath(), Index(path + ".http.paths", i), ctx);
        }
    }

    private static void ValidateHttpIngressPath(V1HTTPIngressPath httpPath, string path, ValidationContext ctx)
    {
        if (httpPath.PathType is null)
        {
            ctx.Required(path + ".pathType", "pathType must be specified");
            return;
        }

        var value = httpPath.Path ?? string.Empty;
        switch (httpPath.PathType)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/'))
                {
                    ctx.Invalid(path + ".path", value, "must be an absolute path");
                }

                if (value.Length > 0)
                {
                    foreach (var sequence in InvalidPathSequences)
                    {
                        if (value.Contains(sequence, StringComparison.Ordinal))
                        {
                            ctx.Invalid(path + ".path", value, $"must not contain '{sequence}'");
                        }
                    }

                    foreach (var suffix in InvalidPathSuffixes)
                    {
                        if (value.EndsWith(suffix, StringComparison.Ordinal))
                        {
                            ctx.Invalid(path + ".path", value, $"cannot end with '{suffix}'");
                        }
                    }
                }

                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    ctx.Invalid(path + ".path", value, "must be an absolute path");
                }

                break;
            default:
                ctx.NotSupported(path + ".pathType", httpPath.PathType, PathTypes);
                break;
        }

        ValidateIngressBackend(httpPath.Backend ?? new V1IngressBackend(), path + ".backend", ctx);
    }

    private static void ValidateIngressBackend(V1IngressBackend backend, string path, ValidationContext ctx)
    {
        if (backend.Resource is not null && backend.Service is not null)
        {
            ctx.Invalid(path, string.Empty, "cannot set both resource and service backends");
            return;
        }

        if (backend.Resource is { } resource)
        {
            ValidateTypedLocalObjectReference(resource.ApiGroup, resource.Kind, resource.Name, path + ".resource", ctx);
            return;
        }

        if (backend.Service is not { } service)
        {
            ctx.Invalid(path, string.Empty, "resource or service backend is required");
            return;
        }

        if (string.IsNullOrEmpty(service.Name))
        {
            ctx.Required(path + ".service.name");
        }
        else
        {
            foreach (var msg in NameValidation.NameIsDns1035Label(service.Name, false))
            {
                ctx.Invalid(path + ".service.name", service.Name, msg);
            }
        }

        var portName = service.Port?.Name;
        var portNumber = service.Port?.Number ?? 0;
        var hasName = !string.IsNullOrEmpty(portName);
        var hasNumber = portNumber != 0;
        if (hasName && hasNumber)
        {
            ctx.Invalid(path, string.Empty, "cannot set both port name & port number");
        }
        else if (hasName)
        {
            foreach (var msg in NameValidation.IsIanaSvcName(portName!))
            {
                ctx.Invalid(path + ".service.port.name", portName, msg);
            }
        }
        else if (hasNumber)
        {
            foreach (var msg in NameValidation.IsValidPortNumber(portNumber))
            {
                ctx.Invalid(path + ".service.port.number", portNumber, msg);
            }
        }
        else
        {
            ctx.Required(path, "port name or number is required");
        }
    }

    private static void ValidateTypedLocalObjectReference(string? apiGroup, string? kind, string? name, string path, ValidationContext ctx)
    {
        if (apiGroup is not null)
        {
            foreach (var msg in NameValidation.IsDns1123Subdomain(apiGroup))
            {
                ctx.Invalid(path + ".apiGroup", apiGroup, msg);
            }
        }

        if (string.IsNullOrEmpty(kind))
        {
            ctx.Required(path + ".kind");
        }
        else
        {
            foreach (var msg in NameValidation.IsPathSegmentName(kind))
            {
                ctx.Invalid(path + ".kind", kind, msg);
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            ctx.Required(path + ".name");
        }
        else
        {
            foreach (var msg in NameValidation.IsPathSegmentName(name))
            {
                ctx.Invalid(path + ".name", name, msg);
            }
        }
    }

    private static void ValidateIngressClassParameters(V1IngressClassParametersReference parameters, ValidationContext ctx)
    {
        const string path = "spec.parameters";
        ValidateTypedLocalObjectReference(parameters.ApiGroup, parameters.Kind, parameters.Name, path, ctx);

        if (parameters.Scope is null)
        {
            ctx.Required(path + ".scope");
            return;
        }

        if (!ParametersScopes.Contains(parameters.Scope, StringComparer.Ordinal))
        {
            ctx.NotSupported(path + ".scope", parameters.Scope, ParametersScopes);
            return;
        }

        if (parameters.Scope == "Namespace")
        {
            if (parameters.NamespaceProperty is null)
            {
                ctx.Required(path + ".namespace", "`parameters.scope` is set to 'Namespace'");
            }
            else
            {
                foreach (var msg in NameValidation.NameIsDnsLabel(parameters.NamespaceProperty, false))
                {
                    ctx.Invalid(path + ".namespace", parameters.NamespaceProperty, msg);
                }
            }
        }
        else if (parameters.NamespaceProperty is not null)
        {
            ctx.Forbidden(path + ".namespace", "`parameters.scope` is set to 'Cluster'");
        }
    }
}

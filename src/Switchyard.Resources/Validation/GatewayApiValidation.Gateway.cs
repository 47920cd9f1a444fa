using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>Gateway checks.</summary>
public static partial class GatewayApiValidation
{
    public static void Gateway(Gateway gateway, ValidationContext ctx)
    {
        var spec = gateway.Spec;
        if (!ctx.Present("spec", spec))
        {
            return;
        }

        ctx.RequiredString("spec.gatewayClassName", spec.GatewayClassName, 1, 253);
        if (ctx.Present("spec.listeners", spec.Listeners))
        {
            Listeners(ctx, "spec.listeners", spec.Listeners);
        }

        Addresses(ctx, "spec.addresses", spec.Addresses);
        if (spec.Infrastructure is { } infrastructure)
        {
            Infrastructure(ctx, "spec.infrastructure", infrastructure);
        }

        if (spec.AllowedListeners?.Namespaces is { } listenerNamespaces)
        {
            ctx.Enum("spec.allowedListeners.namespaces.from", listenerNamespaces.From, "All", "Selector", "Same", "None");
            LabelSelector(ctx, "spec.allowedListeners.namespaces.selector", listenerNamespaces.Selector);
        }

        if (spec.Tls is { } tls)
        {
            GatewayTls(ctx, "spec.tls", tls);
        }
    }

    private static void Listeners(ValidationContext ctx, string path, List<Listener> listeners)
    {
        ctx.Items(path, listeners, 1, 64);
        ForEach(ctx, path, listeners, static (ctx, itemPath, listener) => Listener(ctx, itemPath, listener));
        UniqueKeys(ctx, path, listeners, "name", static l => l.Name);

        // CEL rules on the whole list, in the CRD's order.
        var usable = listeners.Where(l => l is not null).ToList();
        if (usable.Any(l => l.Protocol is "HTTP" or "TCP" or "UDP" && l.Tls is not null))
        {
            ctx.Rule(path, "array", "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
        }

        if (usable.Any(l => l.Protocol == "HTTPS" && l.Tls is not null && l.Tls.Mode is not (null or "" or "Terminate")))
        {
            ctx.Rule(path, "array", "tls mode must be Terminate for protocol HTTPS");
        }

        if (usable.Any(l => l.Protocol == "TLS" && string.IsNullOrEmpty(l.Tls?.Mode)))
        {
            ctx.Rule(path, "array", "tls mode must be set for protocol TLS");
        }

        if (usable.Any(l => l.Protocol is "TCP" or "UDP" && !string.IsNullOrEmpty(l.Hostname)))
        {
            ctx.Rule(path, "array", "hostname must not be specified for protocols ['TCP', 'UDP']");
        }

        if (usable.Any(l1 => usable.Count(l2 => l1.Name == l2.Name) != 1))
        {
            ctx.Rule(path, "array", "Listener name must be unique within the Gateway");
        }

        if (usable.Any(l1 => usable.Count(l2 => l1.Port == l2.Port && l1.Protocol == l2.Protocol && l1.Hostname == l2.Hostname) != 1))
        {
            ctx.Rule(path, "array", "Combination of port, protocol and hostname must be unique for each listener");
        }
    }

    private static void Listener(ValidationContext ctx, string path, Listener listener)
    {
        ctx.RequiredString($"{path}.name", listener.Name, 1, 253, GatewayApiPatterns.SectionName);
        Hostname(ctx, $"{path}.hostname", listener.Hostname);
        if (ctx.Present($"{path}.port", listener.Port))
        {
            ctx.Range($"{path}.port", listener.Port, 1, 65535);
        }

        ctx.RequiredString($"{path}.protocol", listener.Protocol, 1, 255, GatewayApiPatterns.Protocol);
        if (listener.Tls is { } tls)
        {
            var tlsPath = $"{path}.tls";
            ctx.Enum($"{tlsPath}.mode", tls.Mode, "Terminate", "Passthrough");
            ctx.Items($"{tlsPath}.certificateRefs", tls.CertificateRefs, maxItems: 64);
            ForEach(ctx, $"{tlsPath}.certificateRefs", tls.CertificateRefs, static (ctx, itemPath, secret) => SecretReference(ctx, itemPath, secret));
            ctx.Map($"{tlsPath}.options", tls.Options, 16, 4096);
            if ((tls.Mode ?? "Terminate") == "Terminate" && tls.CertificateRefs is not { Count: > 0 } && tls.Options is not { Count: > 0 })
            {
                ctx.Rule(tlsPath, "object", "certificateRefs or options must be specified when mode is Terminate");
            }
        }

        if (listener.AllowedRoutes is { } allowed)
        {
            var allowedPath = $"{path}.allowedRoutes";
            if (allowed.Namespaces is { } namespaces)
            {
                ctx.Enum($"{allowedPath}.namespaces.from", namespaces.From, "All", "Selector", "Same");
                LabelSelector(ctx, $"{allowedPath}.namespaces.selector", namespaces.Selector);
            }

            ctx.Items($"{allowedPath}.kinds", allowed.Kinds, maxItems: 8);
            ForEach(ctx, $"{allowedPath}.kinds", allowed.Kinds, static (ctx, itemPath, kind) =>
            {
                ctx.String($"{itemPath}.group", kind.Group, 0, 253, GatewayApiPatterns.Group);
                ctx.RequiredString($"{itemPath}.kind", kind.Kind, 1, 63, GatewayApiPatterns.Kind);
            });
        }
    }

    private static void Addresses(ValidationContext ctx, string path, List<GatewaySpecAddress>? addresses)
    {
        ctx.Items(path, addresses, maxItems: 16);
        ForEach(ctx, path, addresses, static (ctx, itemPath, address) =>
        {
            ctx.String($"{itemPath}.type", address.Type, 1, 253, GatewayApiPatterns.AddressType);
            ctx.String($"{itemPath}.value", address.Value, maxLength: 253);
            var type = address.Type ?? "IPAddress";
            if (type == "IPAddress" && !string.IsNullOrEmpty(address.Value) && !IsIPv4OrIPv6(address.Value))
            {
                ctx.Error($"{itemPath}.value", $"Invalid value: {CrdSchemaChecks.Quote(address.Value)}: {itemPath}.value in body must be of type ipv4: {CrdSchemaChecks.Quote(address.Value)}");
            }

            if (type == "Hostname" && address.Value is not null && !GatewayApiPatterns.Hostname.IsMatch(address.Value))
            {
                ctx.Rule(itemPath, "object", @"Hostname value must be empty or contain only valid characters (matching ^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)");
            }
        });
        if (addresses is null)
        {
            return;
        }

        var usable = addresses.Where(a => a is not null && a.Value is not null).ToList();
        if (HasRepeatedValue(usable, "IPAddress"))
        {
            ctx.Rule(path, "array", "IPAddress values must be unique");
        }

        if (HasRepeatedValue(usable, "Hostname"))
        {
            ctx.Rule(path, "array", "Hostname values must be unique");
        }
    }

    private static bool HasRepeatedValue(List<GatewaySpecAddress> addresses, string type) =>
        addresses.Where(a => (a.Type ?? "IPAddress") == type).GroupBy(a => a.Value, StringComparer.Ordinal).Any(g => g.Count() > 1);

    /// <summary>The OpenAPI ipv4/ipv6 formats: a plain address literal, no port, zone, prefix length or leading zeros.</summary>
    private static bool IsIPv4OrIPv6(string value) => IpValidation.IsStrictIP(value);

    private static void Infrastructure(ValidationContext ctx, string path, GatewayInfrastructure infrastructure)
    {
        ctx.Map($"{path}.labels", infrastructure.Labels, 8, 63, GatewayApiPatterns.LabelValue);
        MetadataKeys(ctx, $"{path}.labels", infrastructure.Labels, "Label");
        ctx.Map($"{path}.annotations", infrastructure.Annotations, 16, 4096);
        MetadataKeys(ctx, $"{path}.annotations", infrastructure.Annotations, "Annotation");
        if (infrastructure.ParametersRef is { } parameters)
        {
            LocalReference(ctx, $"{path}.parametersRef", parameters.Group, parameters.Kind, parameters.Name);
        }
    }

    private static void MetadataKeys(ValidationContext ctx, string path, Dictionary<string, string>? map, string what)
    {
        if (map is null)
        {
            return;
        }

        if (map.Keys.Any(k => !GatewayApiPatterns.MetadataKey.IsMatch(k)))
        {
            ctx.Rule(path, "object", $"{what} keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.");
        }

        if (map.Keys.Any(k => k.Split('/')[0].Length >= 253))
        {
            ctx.Rule(path, "object", $"If specified, the {what.ToLowerInvariant()} key's prefix must be a DNS subdomain not longer than 253 characters in total.");
        }
    }

    private static void GatewayTls(ValidationContext ctx, string path, GatewayTlsConfig tls)
    {
        if (tls.Backend?.ClientCertificateRef is { } clientCertificate)
        {
            SecretReference(ctx, $"{path}.backend.clientCertificateRef", clientCertificate);
        }

        if (tls.Frontend is not { } frontend)
        {
            return;
        }

        var frontendPath = $"{path}.frontend";
        if (ctx.Present($"{frontendPath}.default", frontend.Default) && frontend.Default.Validation is { } defaultValidation)
        {
            FrontendValidation(ctx, $"{frontendPath}.default.validation", defaultValidation);
        }

        var perPortPath = $"{frontendPath}.perPort";
        ctx.Items(perPortPath, frontend.PerPort, maxItems: 64);
        ForEach(ctx, perPortPath, frontend.PerPort, static (ctx, itemPath, perPort) =>
        {
            if (ctx.Present($"{itemPath}.port", perPort.Port))
            {
                ctx.Range($"{itemPath}.port", perPort.Port, 1, 65535);
            }

            if (ctx.Present($"{itemPath}.tls", perPort.Tls) && perPort.Tls.Validation is { } validation)
            {
                FrontendValidation(ctx, $"{itemPath}.tls.validation", validation);
            }
        });
        if (frontend.PerPort is { } perPorts)
        {
            var seen = new HashSet<int>();
            var repeated = false;
            for (var i = 0; i < perPorts.Count; i++)
            {
                if (perPorts[i]?.Port is { } port && !seen.Add(port))
                {
                    ctx.DuplicateKey($"{perPortPath}[{i}]", "port", port);
                    repeated = true;
                }
            }

            if (repeated)
            {
                ctx.Rule(perPortPath, "array", "Port for TLS configuration must be unique within the Gateway");
            }
        }
    }

    private static void FrontendValidation(ValidationContext ctx, string path, FrontendTlsValidation validation)
    {
        if (ctx.Present($"{path}.caCertificateRefs", validation.CaCertificateRefs))
        {
            ctx.Items($"{path}.caCertificateRefs", validation.CaCertificateRefs, 1, 16);
            ForEach(ctx, $"{path}.caCertificateRefs", validation.CaCertificateRefs, static (ctx, itemPath, reference) => ObjectReference(ctx, itemPath, reference));
        }

        ctx.Enum($"{path}.mode", validation.Mode, "AllowValidOnly", "AllowInsecureFallback");
    }

    /// <summary>The CRD's (structural) label selector schema: expressions need a key and an operator.</summary>
    private static void LabelSelector(ValidationContext ctx, string path, V1LabelSelector? selector)
    {
        if (selector?.MatchExpressions is not { } expressions)
        {
            return;
        }

        for (var i = 0; i < expressions.Count; i++)
        {
            var itemPath = $"{path}.matchExpressions[{i}]";
            if (ctx.Item(itemPath, expressions[i]))
            {
                ctx.Present($"{itemPath}.key", expressions[i].Key);
                ctx.Present($"{itemPath}.operator", expressions[i].OperatorProperty);
            }
        }
    }
}

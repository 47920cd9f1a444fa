using System.Net;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Reads our Gateways: which addresses they bind, which listeners are valid, and their certificates.</summary>
internal static class GatewayTranslator
{
    public static List<GatewayEntry> Prepare(TranslationContext ctx, Dictionary<string, Problem?> classes, ReferenceGrants grants)
    {
        var gateways = new List<GatewayEntry>();
        foreach (var gateway in ctx.Store.OfType<Gateway>())
        {
            var className = gateway.Spec.GatewayClassName;
            if (className is null || !classes.TryGetValue(className, out var classProblem))
            {
                continue;
            }

            var key = new ResourceKey(GatewayApiGroup.Name, Gateway.KindName, gateway.Metadata.NamespaceProperty ?? string.Empty, gateway.Metadata.Name);
            var entry = new GatewayEntry { Gateway = gateway, Key = key, Generation = gateway.Metadata.Generation ?? 1 };
            if (classProblem is { } refusedClass)
            {
                entry.NotAccepted = new Problem(GatewayConditions.Invalid, $"GatewayClass {className} is not accepted: {refusedClass.Message}");
            }
            else if (gateway.Spec.Infrastructure?.ParametersRef is { } parameters)
            {
                entry.NotAccepted = new Problem(GatewayConditions.InvalidParameters, $"infrastructure.parametersRef {parameters.Group}/{parameters.Kind} {parameters.Name} is not supported: this controller takes no parameters");
            }

            Addresses(ctx, entry);
            Listeners(ctx, entry, grants);
            gateways.Add(entry);
        }

        // Older Gateways claim shared sockets first (see ListenerConflicts); the order is total.
        gateways.Sort((a, b) =>
        {
            var c = a.Created.CompareTo(b.Created);
            return c != 0 ? c : string.CompareOrdinal(a.Namespace + "/" + a.Name, b.Namespace + "/" + b.Name);
        });
        return gateways;
    }

    public static string NormalizeBindAddress(string address) =>
        TryParseIp(address, out var ip) ? ip : address;

    private static void Addresses(TranslationContext ctx, GatewayEntry entry)
    {
        var requested = entry.Gateway.Spec.Addresses;
        var unsupported = new List<string>();
        var unusable = new List<string>();
        foreach (var address in requested ?? [])
        {
            if (address is null)
            {
                continue;
            }

            var type = address.Type ?? "IPAddress";
            if (!string.Equals(type, "IPAddress", StringComparison.Ordinal))
            {
                unsupported.Add($"{type} {address.Value}".TrimEnd());
            }
            else if (string.IsNullOrEmpty(address.Value))
            {
                // An IPAddress without a value asks the implementation to choose one: the bind address.
                Add(entry, NormalizeBindAddress(ctx.Options.BindAddress));
            }
            else if (TryParseIp(address.Value, out var ip))
            {
                Add(entry, ip);
            }
            else
            {
                unusable.Add(address.Value);
            }
        }

        if (requested is null || requested.Count == 0)
        {
            Add(entry, NormalizeBindAddress(ctx.Options.BindAddress));
        }

        if (unsupported.Count > 0 && entry.NotAccepted is null)
        {
            entry.NotAccepted = new Problem(GatewayConditions.UnsupportedAddress, $"address types other than IPAddress are not supported: {string.Join(", ", unsupported)}");
        }

        if (unusable.Count > 0)
        {
            entry.UnusableAddresses = $"not valid IP addresses: {string.Join(", ", unusable)}";
        }

        static void Add(GatewayEntry entry, string address)
        {
            if (!entry.Addresses.Contains(address, StringComparer.Ordinal))
            {
                entry.Addresses.Add(address);
            }
        }
    }

    // Plain dotted-quad or IPv6 text only: IPAddress.TryParse also takes forms like "10" that no Gateway means.
    private static bool TryParseIp(string text, out string literal)
    {
        literal = text;
        var looksLikeIp = text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3;
        if (!looksLikeIp || !IPAddress.TryParse(text, out var ip))
        {
            return false;
        }

        literal = ip.ToString();
        return true;
    }

    private static void Listeners(TranslationContext ctx, GatewayEntry gateway, ReferenceGrants grants) =>
        gateway.Listeners.AddRange(BuildListeners(ctx, gateway, null, gateway.Gateway.Spec.Listeners, grants));

    /// <summary>
    /// Reads listener specs into entries: protocol, port, TLS mode, route kinds, certificates and client validation.
    /// The same rules apply to a Gateway's own listeners and to those of a ListenerSet attached to it
    /// (<paramref name="listenerSet"/>), whose references resolve from the ListenerSet's namespace.
    /// </summary>
    public static List<ListenerEntry> BuildListeners(
        TranslationContext ctx, GatewayEntry gateway, ListenerSetEntry? listenerSet, List<Resources.Model.GatewayApi.Listener>? specs, ReferenceGrants grants)
    {
        var built = new List<ListenerEntry>();
        var ownerKey = listenerSet?.Key ?? gateway.Key;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = -1;
        foreach (var spec in specs ?? [])
        {
            index++;
            if (spec is null)
            {
                continue;
            }

            if (string.IsNullOrEmpty(spec.Name) || !names.Add(spec.Name))
            {
                // Listener status is keyed by name, so an unnamed or repeated listener cannot be reported; say so instead.
                ctx.Warn(ownerKey, $"spec.listeners[{index}].name", string.IsNullOrEmpty(spec.Name) ? "listener has no name; ignored" : $"duplicate listener name {spec.Name}; ignored");
                continue;
            }

            ListenerProtocol? protocol = spec.Protocol switch
            {
                "HTTP" => ListenerProtocol.Http,
                "HTTPS" => ListenerProtocol.Https,
                "TLS" => ListenerProtocol.Tls,
                _ => null,
            };
            var listener = new ListenerEntry
            {
                Gateway = gateway,
                ListenerSet = listenerSet,
                Spec = spec,
                Name = spec.Name,
                Port = spec.Port ?? 0,
                Protocol = protocol,
                Hostname = Hostnames.Normalize(spec.Hostname),
            };
            built.Add(listener);

            if (protocol is null)
            {
                listener.NotAccepted = new Problem(ListenerConditions.UnsupportedProtocol, $"protocol {spec.Protocol} is not supported; supported protocols are HTTP, HTTPS and TLS");
                continue;
            }

            if (listener.Port is < 1 or > 65535)
            {
                listener.NotAccepted = new Problem(ListenerConditions.PortUnavailable, $"port {spec.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} is not a valid port");
            }
            else if (protocol == ListenerProtocol.Https && string.Equals(spec.Tls?.Mode, "Passthrough", StringComparison.Ordinal))
            {
                listener.NotAccepted = new Problem(ListenerConditions.UnsupportedValue, "tls.mode Passthrough is not valid for protocol HTTPS (use protocol TLS with a TLSRoute)");
            }

            RouteKinds(listener);
            if (TerminatesTls(listener) && listener.NotAccepted is null)
            {
                Certificates(ctx, listener, index, grants);
                ClientValidation(ctx, listener, grants);
            }
            else if (listener.IsPassthrough && spec.Tls?.CertificateRefs is { Count: > 0 })
            {
                ctx.Warn(ownerKey, $"spec.listeners[{index}].tls.certificateRefs", "ignored: a Passthrough listener does not terminate TLS");
            }
        }

        return built;
    }

    /// <summary>HTTPS, and TLS in mode Terminate: the gateway holds the certificate.</summary>
    private static bool TerminatesTls(ListenerEntry listener) =>
        listener.Protocol == ListenerProtocol.Https || (listener.Protocol == ListenerProtocol.Tls && !listener.IsPassthrough);

    // The route kinds HTTP and HTTPS listeners serve, in the order supportedKinds lists them.
    private static readonly string[] HttpRouteKinds = [HttpRoute.KindName, GrpcRoute.KindName];

    private static void RouteKinds(ListenerEntry listener)
    {
        if (listener.Protocol == ListenerProtocol.Tls)
        {
            TlsRouteTranslator.ListenerKinds(listener);
            return;
        }

        var kinds = listener.Spec.AllowedRoutes?.Kinds;
        if (kinds is null || kinds.Count == 0)
        {
            foreach (var supported in HttpRouteKinds)
            {
                listener.SupportedKinds.Add(new RouteGroupKind { Group = GatewayApiGroup.Name, Kind = supported });
            }

            return;
        }

        var invalid = new List<string>();
        foreach (var kind in kinds)
        {
            if (kind is null)
            {
                continue;
            }

            var group = kind.Group ?? GatewayApiGroup.Name;
            if (string.Equals(group, GatewayApiGroup.Name, StringComparison.Ordinal) && HttpRouteKinds.Contains(kind.Kind, StringComparer.Ordinal))
            {
                if (!listener.Allows(kind.Kind!))
                {
                    listener.SupportedKinds.Add(new RouteGroupKind { Group = GatewayApiGroup.Name, Kind = kind.Kind });
                }
            }
            else
            {
                invalid.Add(group.Length == 0 ? kind.Kind ?? string.Empty : $"{kind.Kind}.{group}");
            }
        }

        if (invalid.Count > 0)
        {
            listener.RefProblems.Add(new Problem(ListenerConditions.InvalidRouteKinds, $"route kinds not supported on protocol {listener.Spec.Protocol}: {string.Join(", ", invalid)}; supported: {string.Join(", ", HttpRouteKinds)}"));
        }
    }

    /// <summary>
    /// spec.tls.frontend for the listener's port. Some CA references unusable: ResolvedRefs=False with the first one's
    /// reason, the others still trusted; none usable: Accepted=False (NoValidCACertificate), so that the listener is
    /// not served rather than served without the checks asked for.
    /// </summary>
    private static void ClientValidation(TranslationContext ctx, ListenerEntry listener, ReferenceGrants grants)
    {
        var gateway = listener.Gateway;
        if (FrontendTls.For(gateway.Gateway, listener.Port) is not { } applied)
        {
            return;
        }

        var (validation, problems, warnings) = FrontendTls.Resolve(ctx.Store, grants, gateway.Namespace, applied.Field, applied.Validation, ctx.Now);
        listener.RefProblems.AddRange(problems);
        foreach (var (field, message) in warnings)
        {
            ctx.Warn(gateway.Key, field, message);
        }

        if (validation is null)
        {
            listener.NotAccepted = new Problem(ListenerConditions.NoValidCACertificate, $"{applied.Field}: no usable CA certificate, so client certificates cannot be validated");
            listener.Certificates.Clear();
            return;
        }

        for (var i = 0; i < listener.Certificates.Count; i++)
        {
            listener.Certificates[i] = listener.Certificates[i] with { ClientValidation = validation };
        }
    }

    private static void Certificates(TranslationContext ctx, ListenerEntry listener, int listenerIndex, ReferenceGrants grants)
    {
        var refs = listener.Spec.Tls?.CertificateRefs;
        if (refs is null || refs.Count == 0)
        {
            listener.RefProblems.Add(new Problem(ListenerConditions.InvalidCertificateRef, listener.Protocol == ListenerProtocol.Https ? "HTTPS needs tls.certificateRefs" : "tls.mode Terminate needs tls.certificateRefs"));
            return;
        }

        for (var i = 0; i < refs.Count; i++)
        {
            var reference = refs[i];
            if (reference is null)
            {
                continue;
            }

            var field = $"tls.certificateRefs[{i}]";
            // A ListenerSet's certificates resolve from its own namespace, with grants to ListenerSets (never the Gateway's).
            var result = TlsCertificates.Resolve(ctx.Store, grants, listener.OwnerKey.Kind, listener.OwnerNamespace, reference, listener.Hostname, ctx.Now);
            if (result.Certificate is { } certificate)
            {
                listener.Certificates.Add(certificate);
                if (result.Warning is { } warning)
                {
                    ctx.Warn(listener.OwnerKey, $"spec.listeners[{listenerIndex}].{field}", warning);
                }
            }
            else if (result.Problem is { } problem)
            {
                listener.RefProblems.Add(problem with { Message = $"{field}: {problem.Message}" });
            }
        }
    }
}

using k8s.Models;

namespace Switchyard.Resources.Validation;

public static partial class CoreValidation
{
    private static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];

    private const int MaxEndpoints = 1000;
    private const int MaxAddresses = 100;
    private const int MaxEndpointPorts = 100;
    private const int MaxTopologyLabels = 16;
    private const int MaxZoneHints = 8;
    private const int MaxNodeHints = 8;

    public static void EndpointSlice(V1EndpointSlice slice, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(slice.Metadata, namespaced: true, NameValidation.NameIsDnsSubdomain, ctx);

        if (string.IsNullOrEmpty(slice.AddressType))
        {
            ctx.Required("addressType");
        }
        else if (!AddressTypes.Contains(slice.AddressType, StringComparer.Ordinal))
        {
            ctx.NotSupported("addressType", slice.AddressType, AddressTypes);
        }

        ValidateEndpoints(slice.Endpoints, slice.AddressType, ctx);
        ValidateEndpointPorts(slice.Ports, ctx);
    }

    private static void ValidateEndpoints(IList<V1Endpoint>? endpoints, string? addressType, ValidationContext ctx)
    {
        if (endpoints is null)
        {
            return;
        }

        if (endpoints.Count > MaxEndpoints)
        {
            ctx.TooMany("endpoints", endpoints.Count, MaxEndpoints);
            return;
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i] ?? new V1Endpoint();
            var path = Index("endpoints", i);
            var addresses = endpoint.Addresses ?? [];
            if (addresses.Count == 0)
            {
                ctx.Required(path + ".addresses", "must contain at least 1 address");
            }
            else if (addresses.Count > MaxAddresses)
            {
                ctx.TooMany(path + ".addresses", addresses.Count, MaxAddresses);
            }

            for (var a = 0; a < addresses.Count; a++)
            {
                ValidateEndpointAddress(addresses[a], addressType, Index(path + ".addresses", a), ctx);
            }

            if (endpoint.NodeName is not null)
            {
                foreach (var msg in NameValidation.IsDns1123Subdomain(endpoint.NodeName))
                {
                    ctx.Invalid(path + ".nodeName", endpoint.NodeName, msg);
                }
            }

            if (endpoint.DeprecatedTopology is { Count: > MaxTopologyLabels })
            {
                ctx.TooMany(path + ".deprecatedTopology", endpoint.DeprecatedTopology.Count, MaxTopologyLabels);
            }

            LabelSelectorValidation.ValidateLabels(endpoint.DeprecatedTopology, path + ".deprecatedTopology", ctx);

            if (endpoint.Hostname is not null)
            {
                foreach (var msg in NameValidation.IsDns1123Label(endpoint.Hostname))
                {
                    ctx.Invalid(path + ".hostname", endpoint.Hostname, msg);
                }
            }

            if (endpoint.Hints is not null)
            {
                ValidateHints(endpoint.Hints, path + ".hints", ctx);
            }
        }
    }

    // Only known address types are checked; an unsupported type is reported once, above.
    private static void ValidateEndpointAddress(string? address, string? addressType, string path, ValidationContext ctx)
    {
        switch (addressType)
        {
            case "IPv4" or "IPv6":
                if (!IpValidation.ValidateIpForLegacyField(ctx, path, address))
                {
                    return;
                }

                IpValidation.TryParseSloppy(address, out var ip);
                if (addressType == "IPv4" && !IpValidation.IsIPv4(ip))
                {
                    ctx.Invalid(path, address, "must be a valid IPv4 address");
                }
                else if (addressType == "IPv6" && IpValidation.IsIPv4(ip))
                {
                    ctx.Invalid(path, address, "must be a valid IPv6 address");
                }

                // Deliberately looser than the API server: standalone Switchyard routes to processes on this host, so
                // EndpointSlices written by hand (and the quickstart) may name loopback addresses.
                IpValidation.ValidateNonSpecialIp(ctx, path, address, allowLoopback: true);
                break;
            case "FQDN":
                NameValidation.ValidateFullyQualifiedDomainName(ctx, path, address ?? string.Empty);
                break;
        }
    }

    private static void ValidateHints(V1EndpointHints hints, string path, ValidationContext ctx)
    {
        var zones = hints.ForZones ?? [];
        if (zones.Count > MaxZoneHints)
        {
            ctx.TooMany(path + ".forZones", zones.Count, MaxZoneHints);
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < zones.Count; i++)
            {
                var zonePath = Index(path + ".forZones", i) + ".name";
                var name = zones[i]?.Name ?? string.Empty;
                if (!seen.Add(name))
                {
                    ctx.Duplicate(zonePath, name);
                }

                foreach (var msg in NameValidation.IsLabelValue(name))
                {
                    ctx.Invalid(zonePath, name, msg);
                }
            }
        }

        var nodes = hints.ForNodes ?? [];
        if (nodes.Count > MaxNodeHints)
        {
            ctx.TooMany(path + ".forNodes", nodes.Count, MaxNodeHints);
            return;
        }

        var seenNodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var nodePath = Index(path + ".forNodes", i) + ".name";
            var name = nodes[i]?.Name ?? string.Empty;
            if (!seenNodes.Add(name))
            {
                ctx.Duplicate(nodePath, name);
            }

            foreach (var msg in NameValidation.IsDns1123Subdomain(name))
            {
                ctx.Invalid(nodePath, name, msg);
            }
        }
    }

    private static void ValidateEndpointPorts(IList<Discoveryv1EndpointPort>? ports, ValidationContext ctx)
    {
        if (ports is null)
        {
            return;
        }

        if (ports.Count > MaxEndpointPorts)
        {
            ctx.TooMany("ports", ports.Count, MaxEndpointPorts);
            return;
        }

        // Names were defaulted to "", so two unnamed ports collide, as upstream.
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i] ?? new Discoveryv1EndpointPort();
            var path = Index("ports", i);
            var name = port.Name ?? string.Empty;
            if (name.Length > 0)
            {
                foreach (var msg in NameValidation.IsDns1123Label(name))
                {
                    ctx.Invalid(path + ".name", name, msg);
                }
            }

            if (!names.Add(name))
            {
                ctx.Duplicate(path + ".name", name);
            }

            if (port.Protocol is null)
            {
                ctx.Required(path + ".protocol");
            }
            else if (!PortProtocols.Contains(port.Protocol, StringComparer.Ordinal))
            {
                ctx.NotSupported(path + ".protocol", port.Protocol, PortProtocols);
            }

            if (port.AppProtocol is not null)
            {
                foreach (var msg in NameValidation.IsQualifiedName(port.AppProtocol))
                {
                    ctx.Invalid(path + ".appProtocol", port.AppProtocol, msg);
                }
            }
        }
    }
}

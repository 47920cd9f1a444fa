using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Switchyard.Resources.Model;

namespace Switchyard.EndpointSlices;

/// <summary>Turns a Pod into an endpoint of a Service's slice (upstream <c>podToEndpoint</c> and its helpers).</summary>
internal static class PodEndpoints
{
    public const string IPv4 = "IPv4";
    public const string IPv6 = "IPv6";

    /// <summary>Terminal Pods (Succeeded, Failed) and Pods without an IP are never endpoints; terminating ones are.</summary>
    public static bool ShouldBeEndpoint(V1Pod pod)
    {
        var status = pod.Status;
        if (status is null || status.Phase is "Succeeded" or "Failed")
        {
            return false;
        }

        return !string.IsNullOrEmpty(status.PodIP) || status.PodIPs is { Count: > 0 };
    }

    /// <summary>The Pod's Ready condition is True.</summary>
    public static bool IsReady(V1Pod pod)
    {
        foreach (var condition in pod.Status?.Conditions ?? [])
        {
            if (condition is not null && string.Equals(condition.Type, "Ready", StringComparison.Ordinal))
            {
                return string.Equals(condition.Status, "True", StringComparison.Ordinal);
            }
        }

        return false;
    }

    /// <summary>The endpoint for one address type; its address list is empty when the Pod has no IP of that family.</summary>
    public static V1Endpoint Create(V1Pod pod, V1Service service, string addressType)
    {
        var serving = IsReady(pod);
        var terminating = pod.Metadata.DeletionTimestamp is not null;
        // Ready is never true for a terminating Pod, unless the Service publishes not-ready addresses.
        var ready = service.Spec?.PublishNotReadyAddresses == true || (serving && !terminating);
        var endpoint = new V1Endpoint
        {
            Addresses = Addresses(pod.Status!, addressType),
            Conditions = new V1EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating },
            TargetRef = new V1ObjectReference
            {
                Kind = "Pod",
                NamespaceProperty = pod.Metadata.NamespaceProperty,
                Name = pod.Metadata.Name,
                Uid = pod.Metadata.Uid,
            },
        };

        var nodeName = pod.Spec?.NodeName;
        if (!string.IsNullOrEmpty(nodeName))
        {
            endpoint.NodeName = nodeName;
        }

        var zone = Zone(pod);
        if (!string.IsNullOrEmpty(zone))
        {
            endpoint.Zone = zone;
        }

        if (ShouldSetHostname(pod, service))
        {
            endpoint.Hostname = pod.Spec!.Hostname;
        }

        return endpoint;
    }

    /// <summary>StatefulSet-style names: the Pod's hostname, when its subdomain is this Service.</summary>
    public static bool ShouldSetHostname(V1Pod pod, V1Service service) =>
        !string.IsNullOrEmpty(pod.Spec?.Hostname)
        && string.Equals(pod.Spec.Subdomain, service.Metadata.Name, StringComparison.Ordinal)
        && string.Equals(pod.Metadata.NamespaceProperty, service.Metadata.NamespaceProperty, StringComparison.Ordinal);

    /// <summary>Upstream reads the zone from the Pod's Node; without Nodes, the Pod's own zone label (or annotation).</summary>
    public static string? Zone(V1Pod pod) =>
        pod.Metadata.Label(EndpointSliceLabels.Zone) ?? pod.Metadata.Annotation(EndpointSliceLabels.Zone);

    /// <summary>The Pod's IPs of one family, re-formatted canonically; <c>podIP</c> stands in when <c>podIPs</c> is empty.</summary>
    public static List<string> Addresses(V1PodStatus status, string addressType)
    {
        var wantV6 = string.Equals(addressType, IPv6, StringComparison.Ordinal);
        var addresses = new List<string>(1);
        if (status.PodIPs is { Count: > 0 } podIPs)
        {
            foreach (var podIP in podIPs)
            {
                Add(podIP?.Ip, wantV6, addresses);
            }
        }
        else
        {
            Add(status.PodIP, wantV6, addresses);
        }

        return addresses;
    }

    /// <summary>The address type of an IP (IPv4-mapped IPv6 counts as IPv4, as Go's To4 does), or null if unparsable.</summary>
    public static string? FamilyOf(string? ip) =>
        TryParse(ip, out var address) ? (address.AddressFamily == AddressFamily.InterNetworkV6 ? IPv6 : IPv4) : null;

    /// <summary>
    /// Parses an IP like Go's ParseIPSloppy: IPv4 is four decimal parts, leading zeros allowed and read as decimal
    /// (.NET would read them as octal, and accept shorthand such as "10.1"); IPv4-mapped IPv6 becomes IPv4.
    /// </summary>
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        if (!text.Contains(':', StringComparison.Ordinal))
        {
            return TryParseIPv4(text, out address);
        }

        if (!IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    private static bool TryParseIPv4(string text, out IPAddress address)
    {
        address = IPAddress.None;
        Span<byte> bytes = stackalloc byte[4];
        var part = 0;
        foreach (var range in text.AsSpan().Split('.'))
        {
            var digits = text.AsSpan()[range];
            if (part == 4 || digits.IsEmpty || digits.Length > 3)
            {
                return false;
            }

            var value = 0;
            foreach (var c in digits)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }

            bytes[part++] = (byte)value;
        }

        if (part != 4)
        {
            return false;
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static void Add(string? ip, bool wantV6, List<string> addresses)
    {
        // Most Pod IPs are canonical IPv4 text already: keep the string instead of parsing and re-formatting it.
        if (IsCanonicalIPv4(ip))
        {
            if (!wantV6)
            {
                addresses.Add(ip!);
            }

            return;
        }

        if (!TryParse(ip, out var address))
        {
            return;
        }

        if ((address.AddressFamily == AddressFamily.InterNetworkV6) == wantV6)
        {
            addresses.Add(address.ToString());
        }
    }

    /// <summary>Four dotted decimal parts of 0-255 without leading zeros: exactly what IPAddress.ToString prints.</summary>
    internal static bool IsCanonicalIPv4(string? text)
    {
        if (text is null || text.Length is < 7 or > 15)
        {
            return false;
        }

        int parts = 0, value = 0, digits = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || ++parts > 3)
                {
                    return false;
                }

                value = 0;
                digits = 0;
                continue;
            }

            if (c is < '0' or > '9' || (digits == 1 && value == 0))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            if (++digits > 3 || value > 255)
            {
                return false;
            }
        }

        return parts == 3 && digits > 0;
    }
}

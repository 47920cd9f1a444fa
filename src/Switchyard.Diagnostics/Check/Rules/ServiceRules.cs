using System.Text.RegularExpressions;
using k8s.Models;
using Switchyard.Resources.Store;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>SY1xx: Services, their selected Pods and their EndpointSlices.</summary>
internal sealed partial class ServiceRules : ICheckRules
{
    public void Evaluate(CheckContext context, List<Finding> findings)
    {
        var services = context.Store.OfType<V1Service>().ToList();
        foreach (var service in services)
        {
            if (string.Equals(service.Spec?.Type, "ExternalName", StringComparison.Ordinal))
            {
                ExternalName(context, service, findings);
                continue;
            }

            Selector(context, service, findings);
            Endpoints(context, service, findings);
            LocalTrafficPolicy(context, service, findings);
            if (VersionPattern().IsMatch(service.Metadata.Name))
            {
                findings.Add(context.Create(RuleCatalog.VersionedServiceName, service, "metadata.name",
                    $"Service name \"{service.Metadata.Name}\" embeds a version",
                    "name the Service after what it serves (e.g. \"web\") and select versions with labels or route weights"));
            }
        }

        OverlappingSelectors(context, services, findings);
        NodePorts(context, services, findings);
        foreach (var stored in context.Store.All)
        {
            // Slices the controller wrote mirror Pod readiness, which SY107 reports per Service; this rule is for hand-written ones.
            if (stored.Object is not V1EndpointSlice slice || !string.Equals(stored.Source, ResourceStore.FilesSource, StringComparison.Ordinal))
            {
                continue;
            }

            var endpoints = slice.Endpoints ?? [];
            if (endpoints.Count > 0 && endpoints.All(e => e.Conditions?.Ready == false || e.Conditions?.Terminating == true))
            {
                findings.Add(context.Create(RuleCatalog.SliceAllNotReady, slice, "endpoints",
                    $"all {endpoints.Count} endpoint(s) are not ready or terminating",
                    "check the Pods' readinessProbes and events; finish or roll back the rollout"));
            }
        }
    }

    [GeneratedRegex(@"(^|[-.])v\d+([-.]|$)|-\d+-\d+(-\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    private static void ExternalName(CheckContext context, V1Service service, List<Finding> findings)
    {
        if (service.Spec.Selector is { Count: > 0 })
        {
            findings.Add(context.Create(RuleCatalog.ExternalNameIgnoredFields, service, "spec.selector",
                "an ExternalName Service ignores its selector: no EndpointSlices are made",
                "remove spec.selector, or change spec.type to ClusterIP"));
        }

        if (service.Spec.Ports is { Count: > 0 })
        {
            findings.Add(context.Create(RuleCatalog.ExternalNameIgnoredFields, service, "spec.ports",
                "an ExternalName Service is only a DNS CNAME: its ports are not proxied or remapped",
                "remove spec.ports; clients connect to the external name's own ports"));
        }
    }

    private static void Selector(CheckContext context, V1Service service, List<Finding> findings)
    {
        var selector = service.Spec?.Selector;
        if (selector is null || selector.Count == 0)
        {
            return;
        }

        if (!selector.ContainsKey("app.kubernetes.io/name"))
        {
            findings.Add(context.Create(RuleCatalog.SelectorWithoutAppName, service, "spec.selector",
                $"selector {Labels.Format(selector)} does not use app.kubernetes.io/name",
                "label Pods with app.kubernetes.io/name and select on it"));
        }

        var pods = context.Selected(service);
        if (pods.Count == 0)
        {
            findings.Add(context.Create(RuleCatalog.SelectorMatchesNoPods, service, "spec.selector",
                $"selector {Labels.Format(selector)} matches no Pod in namespace {service.Metadata.NamespaceProperty}",
                "fix the selector or the Pods' labels so that they agree (kubectl get pods --show-labels)"));
            return;
        }

        var ports = service.Spec!.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            var target = ports[i].TargetPort;
            var protocol = ports[i].Protocol ?? "TCP";
            if (target is null)
            {
                continue;
            }

            var value = target.Value;
            if (int.TryParse(value, out var number))
            {
                if (!pods.Any(p => DeclaredPorts(p).Any(c => c.ContainerPort == number && string.Equals(c.Protocol ?? "TCP", protocol, StringComparison.Ordinal))))
                {
                    findings.Add(context.Create(RuleCatalog.TargetPortNumberUndeclared, service, $"spec.ports[{i}].targetPort",
                        $"targetPort {number}/{protocol} is not declared as a containerPort by any selected Pod",
                        "check the port the container listens on; declare it in the containers' ports and name it"));
                }
            }
            else
            {
                var missing = pods.Where(p => !DeclaredPorts(p).Any(c => string.Equals(c.Name, value, StringComparison.Ordinal))).Select(p => p.Metadata.Name).ToList();
                if (missing.Count > 0)
                {
                    findings.Add(context.Create(RuleCatalog.TargetPortNameUndeclared, service, $"spec.ports[{i}].targetPort",
                        $"targetPort \"{value}\" is not declared by Pod(s) {string.Join(", ", missing)}: they get no endpoint for this port",
                        $"add a container port named \"{value}\" to those Pods, or use a port number"));
                }
            }
        }

        foreach (var pod in pods)
        {
            if ((pod.Spec?.Containers ?? []).All(c => c.ReadinessProbe is null))
            {
                findings.Add(context.Create(RuleCatalog.PodWithoutReadinessProbe, pod, "spec.containers[*].readinessProbe",
                    $"Pod is selected by Service {service.Metadata.Name} but has no readinessProbe: it gets traffic as soon as it starts",
                    "add a readinessProbe that checks the port the Service targets"));
            }
        }
    }

    private static IEnumerable<V1ContainerPort> DeclaredPorts(V1Pod pod) => (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []);

    private static void Endpoints(CheckContext context, V1Service service, List<Finding> findings)
    {
        // SY101 already says why a selector matching nothing has no endpoints.
        if (service.Spec?.Selector is { Count: > 0 } && context.Selected(service).Count == 0)
        {
            return;
        }

        var slices = context.SlicesOf(service).ToList();
        if (service.Spec?.Selector is not { Count: > 0 } && slices.Count == 0)
        {
            return;
        }

        var ready = slices.SelectMany(s => s.Endpoints ?? []).Count(e => e.Conditions?.Ready != false);
        if (ready == 0)
        {
            var notReady = slices.SelectMany(s => s.Endpoints ?? []).Count();
            findings.Add(context.Create(RuleCatalog.ServiceNoReadyEndpoints, service, "spec.selector",
                notReady == 0 ? "the Service has no endpoints" : $"none of the Service's {notReady} endpoint(s) is ready: connections are refused or time out",
                "make the selected Pods Ready (readinessProbe passing) or fix the targetPort"));
        }
    }

    private static void LocalTrafficPolicy(CheckContext context, V1Service service, List<Finding> findings)
    {
        if (!string.Equals(service.Spec?.Type, "LoadBalancer", StringComparison.Ordinal)
            || !string.Equals(service.Spec?.ExternalTrafficPolicy, "Local", StringComparison.Ordinal))
        {
            return;
        }

        var nodes = context.Store.OfType<V1Pod>().Select(p => p.Spec?.NodeName).OfType<string>().Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        var covered = context.SlicesOf(service).SelectMany(s => s.Endpoints ?? [])
            .Where(e => e.Conditions?.Ready != false).Select(e => e.NodeName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var uncovered = nodes.Where(n => !covered.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (uncovered.Count > 0)
        {
            findings.Add(context.Create(RuleCatalog.LocalPolicyNodesUncovered, service, "spec.externalTrafficPolicy",
                $"node(s) {string.Join(", ", uncovered)} have no ready endpoint: load-balancer traffic sent there is dropped unless health checks remove them",
                "spread the Pods to every node (topologySpreadConstraints/DaemonSet), or use externalTrafficPolicy: Cluster"));
        }
    }

    private static void OverlappingSelectors(CheckContext context, List<V1Service> services, List<Finding> findings)
    {
        var selecting = services.Where(s => s.Spec?.Selector is { Count: > 0 } && !string.Equals(s.Spec.Type, "ExternalName", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < selecting.Count; i++)
        {
            for (var j = i + 1; j < selecting.Count; j++)
            {
                var a = selecting[i];
                var b = selecting[j];
                if (!string.Equals(a.Metadata.NamespaceProperty, b.Metadata.NamespaceProperty, StringComparison.Ordinal)
                    || Labels.Format(a.Spec.Selector).Equals(Labels.Format(b.Spec.Selector), StringComparison.Ordinal))
                {
                    continue;
                }

                var podsA = context.Selected(a).Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
                var podsB = context.Selected(b).Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
                var shared = podsA.Intersect(podsB).Order(StringComparer.Ordinal).ToList();
                if (shared.Count > 0 && !podsA.SetEquals(podsB) && !podsA.IsSubsetOf(podsB) && !podsB.IsSubsetOf(podsA))
                {
                    findings.Add(context.Create(RuleCatalog.OverlappingSelectors, b, "spec.selector",
                        $"selector {Labels.Format(b.Spec.Selector)} and Service {a.Metadata.Name}'s {Labels.Format(a.Spec.Selector)} both select Pod(s) {string.Join(", ", shared)}",
                        "add a distinguishing label (e.g. app.kubernetes.io/component) to one selector"));
                }
            }
        }
    }

    private static void NodePorts(CheckContext context, List<V1Service> services, List<Finding> findings)
    {
        var owners = new Dictionary<(int, string), string>();
        foreach (var service in services)
        {
            var ports = service.Spec?.Ports ?? [];
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i].NodePort is not int nodePort || nodePort == 0)
                {
                    continue;
                }

                var field = $"spec.ports[{i}].nodePort";
                if (nodePort is < 30000 or > 32767)
                {
                    findings.Add(context.Create(RuleCatalog.NodePortInvalid, service, field,
                        $"nodePort {nodePort} is outside the default range 30000-32767",
                        "remove nodePort to have one allocated, or pick one in 30000-32767"));
                }

                var protocol = ports[i].Protocol ?? "TCP";
                var name = service.Metadata.NamespaceProperty + "/" + service.Metadata.Name;
                if (owners.TryGetValue((nodePort, protocol), out var owner) && !string.Equals(owner, name, StringComparison.Ordinal))
                {
                    findings.Add(context.Create(RuleCatalog.NodePortInvalid, service, field,
                        $"nodePort {nodePort}/{protocol} is already used by Service {owner}",
                        "remove nodePort to have a free one allocated"));
                }
                else
                {
                    owners[(nodePort, protocol)] = name;
                }
            }
        }
    }
}

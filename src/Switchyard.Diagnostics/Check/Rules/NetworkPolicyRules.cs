using k8s.Models;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>
/// SY6xx: NetworkPolicy. Policies are evaluated as the API defines them (additive allow lists per direction);
/// ipBlock peers are assumed to cover the cluster DNS and never to cover Pod addresses.
/// </summary>
internal sealed class NetworkPolicyRules : ICheckRules
{
    public void Evaluate(CheckContext context, List<Finding> findings)
    {
        var policies = context.Store.OfType<V1NetworkPolicy>().ToList();
        if (policies.Count == 0)
        {
            return;
        }

        var evaluator = new PolicyEvaluator(context, policies);
        foreach (var ns in context.PodNamespaces)
        {
            foreach (var pod in context.PodsIn(ns))
            {
                var egress = evaluator.Selecting(pod, "Egress");
                if (egress.Count == 0)
                {
                    continue;
                }

                var missing = new List<string>();
                foreach (var protocol in (string[])["UDP", "TCP"])
                {
                    if (!evaluator.AllowsDns(egress, protocol))
                    {
                        missing.Add(protocol);
                    }
                }

                if (missing.Count > 0)
                {
                    findings.Add(context.Create(RuleCatalog.EgressBlocksDns, pod, "metadata.labels",
                        $"egress NetworkPolicy {string.Join(", ", egress.Select(p => p.Metadata.Name))} selects this Pod and allows no {string.Join("/", missing)} 53 to the cluster DNS: name lookups time out",
                        "add an egress rule: to namespaceSelector kubernetes.io/metadata.name=kube-system, podSelector k8s-app=kube-dns, ports UDP 53 and TCP 53"));
                }
            }
        }

        foreach (var service in context.Store.OfType<V1Service>())
        {
            var backends = context.Selected(service);
            if (backends.Count == 0 || backends.All(b => evaluator.Selecting(b, "Ingress").Count == 0))
            {
                continue;
            }

            foreach (var ns in context.PodNamespaces)
            {
                var clients = context.PodsIn(ns).Where(c => !backends.Contains(c)).ToList();
                if (clients.Count == 0 || clients.Any(c => backends.Any(b => evaluator.IngressAllows(b, c))))
                {
                    continue;
                }

                findings.Add(context.Create(RuleCatalog.IngressPolicyBlocksService, service, "spec.selector",
                    $"no Pod in namespace {ns} can reach any backend of this Service: ingress NetworkPolicies on the backends do not allow it",
                    $"if {ns} should call this Service, add an ingress rule from namespaceSelector kubernetes.io/metadata.name={ns}"));
            }
        }
    }
}

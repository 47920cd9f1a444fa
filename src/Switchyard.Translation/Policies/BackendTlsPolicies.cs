using System.Collections.Immutable;
using k8s.Models;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.Policies;

/// <summary>
/// The BackendTLSPolicies of a store snapshot: each validated once (CA references, well-known CAs, targets), conflicts
/// between policies selecting the same Service port resolved (older first, then by namespace/name), and the policy in
/// effect for each Service port answered by <see cref="For"/>.
/// </summary>
/// <remarks>
/// A policy naming a port (sectionName) takes precedence over one naming the whole Service for that port; the two do
/// not conflict. A policy that cannot be honoured (no valid CA certificate, an unknown well-known CA set) still applies
/// to its targets: their connections fail instead of falling back to cleartext, as the spec requires.
/// </remarks>
internal sealed class BackendTlsPolicies
{
    /// <summary>The well-known CA set Switchyard knows: the system trust store.</summary>
    public const string SystemCertificates = "System";

    private readonly StoreSnapshot _store;

    // (namespace, Service, sectionName or "") → the target in effect.
    private readonly Dictionary<(string Ns, string Service, string Section), BackendTlsPolicyTarget> _effective = [];

    // (namespace, Service name) → every target naming it, for ancestor status.
    private readonly Dictionary<(string Ns, string Name), List<BackendTlsPolicyTarget>> _byService = [];

    private BackendTlsPolicies(StoreSnapshot store) => _store = store;

    public static BackendTlsPolicies Empty { get; } = new(StoreSnapshot.Empty);

    /// <summary>Every policy, in key order (namespace, name).</summary>
    public List<BackendTlsPolicyEntry> Entries { get; } = [];

    public static BackendTlsPolicies Build(TranslationContext ctx)
    {
        var policies = new BackendTlsPolicies(ctx.Store);
        foreach (var policy in ctx.Store.OfType<BackendTlsPolicy>())
        {
            var entry = new BackendTlsPolicyEntry
            {
                Policy = policy,
                Key = new ResourceKey(GatewayApiGroup.Name, BackendTlsPolicy.KindName, policy.Metadata.NamespaceProperty ?? string.Empty, policy.Metadata.Name),
                Generation = policy.Metadata.Generation ?? 1,
            };
            Validate(ctx, entry);
            policies.AddTargets(entry);
            policies.Entries.Add(entry);
        }

        policies.ResolveConflicts();
        return policies;
    }

    /// <summary>True when some policy names the Service <paramref name="ns"/>/<paramref name="service"/>.</summary>
    public bool Targets(string ns, string service) => _byService.ContainsKey((ns, service));

    /// <summary>
    /// The policy in effect for a port of a Service: the one naming the port (by name), else the one naming the
    /// whole Service; null when none applies.
    /// </summary>
    public BackendTlsPolicyEntry? For(string ns, string service, string? portName)
    {
        if (!string.IsNullOrEmpty(portName) && _effective.TryGetValue((ns, service, portName), out var section))
        {
            return section.Policy;
        }

        return _effective.TryGetValue((ns, service, string.Empty), out var whole) ? whole.Policy : null;
    }

    /// <summary>
    /// The targets (of any policy, in effect or not) that concern a backendRef to port <paramref name="port"/> of the
    /// Service <paramref name="ns"/>/<paramref name="service"/>: those naming the whole Service or that port, and
    /// those naming a Service or port that does not exist.
    /// </summary>
    public IEnumerable<BackendTlsPolicyTarget> Concerning(string ns, string service, int? port)
    {
        if (!_byService.TryGetValue((ns, service), out var targets))
        {
            yield break;
        }

        var portName = _store.Get<V1Service>(string.Empty, "Service", ns, service)?.Spec?.Ports?.FirstOrDefault(p => p is not null && p.Port == port)?.Name;
        foreach (var target in targets)
        {
            if (target.SectionName is null
                || string.Equals(target.SectionName, portName, StringComparison.Ordinal)
                || string.Equals(target.Problem?.Reason, PolicyConditions.TargetNotFound, StringComparison.Ordinal))
            {
                yield return target;
            }
        }
    }

    private static void Validate(TranslationContext ctx, BackendTlsPolicyEntry entry)
    {
        var validation = entry.Policy.Spec.Validation ?? new BackendTlsPolicyValidation();
        string? caPem = null;
        var wellKnown = validation.WellKnownCaCertificates;
        if (!string.IsNullOrEmpty(wellKnown))
        {
            if (!string.Equals(wellKnown, SystemCertificates, StringComparison.Ordinal))
            {
                entry.NotAccepted = new Problem(PolicyConditions.Invalid, $"wellKnownCACertificates {wellKnown} is not supported; Switchyard knows only {SystemCertificates} (the system trust store)");
            }
        }
        else
        {
            var (pem, problems, warnings) = CaCertificateRefs.Resolve(ctx.Store, entry.Namespace, validation.CaCertificateRefs ?? [], ctx.Now);
            entry.RefProblems.AddRange(problems);
            foreach (var warning in warnings)
            {
                ctx.Warn(entry.Key, "spec.validation.caCertificateRefs", warning);
            }

            caPem = pem;
            if (pem is null)
            {
                entry.NotAccepted = new Problem(PolicyConditions.NoValidCACertificate, problems.Count == 0
                    ? "no caCertificateRefs: one is needed, or wellKnownCACertificates"
                    : "no valid CA certificate: " + string.Join("; ", problems.Select(p => p.Message)));
            }
        }

        var options = entry.Policy.Spec.Options;
        if (options is { Count: > 0 })
        {
            var keys = string.Join(", ", options.Keys.Order(StringComparer.Ordinal));
            entry.Notes.Add($"options {keys} ignored (Switchyard defines none)");
            ctx.Warn(entry.Key, "spec.options", $"options {keys} are ignored: Switchyard defines no BackendTLSPolicy options");
        }

        if (entry.NotAccepted is not null)
        {
            return;
        }

        var hostnames = ImmutableArray.CreateBuilder<string>();
        var uris = ImmutableArray.CreateBuilder<string>();
        foreach (var name in validation.SubjectAltNames ?? [])
        {
            if (name is null)
            {
                continue;
            }

            if (string.Equals(name.Type, "Hostname", StringComparison.Ordinal) && !string.IsNullOrEmpty(name.Hostname))
            {
                hostnames.Add(name.Hostname.ToLowerInvariant());
            }
            else if (string.Equals(name.Type, "URI", StringComparison.Ordinal) && !string.IsNullOrEmpty(name.Uri))
            {
                uris.Add(name.Uri);
            }
        }

        entry.Tls = new BackendTls
        {
            Hostname = (validation.Hostname ?? string.Empty).ToLowerInvariant(),
            CaCertificatePem = caPem,
            SubjectAltNameHostnames = hostnames.ToImmutable(),
            SubjectAltNameUris = uris.ToImmutable(),
        };
    }

    private void AddTargets(BackendTlsPolicyEntry entry)
    {
        foreach (var reference in entry.Policy.Spec.TargetRefs ?? [])
        {
            if (reference is null || string.IsNullOrEmpty(reference.Name))
            {
                continue;
            }

            var target = new BackendTlsPolicyTarget
            {
                Policy = entry,
                Group = reference.Group ?? string.Empty,
                Kind = reference.Kind ?? string.Empty,
                Name = reference.Name,
                SectionName = string.IsNullOrEmpty(reference.SectionName) ? null : reference.SectionName,
            };
            entry.Targets.Add(target);
            if (!target.IsService)
            {
                var shown = target.Group.Length == 0 ? target.Kind : target.Kind + "." + target.Group;
                target.Problem = new Problem(PolicyConditions.TargetNotFound, $"{shown} {entry.Namespace}/{target.Name} is not a supported target; only core Services are");
                continue;
            }

            if (!_byService.TryGetValue((entry.Namespace, target.Name), out var list))
            {
                _byService[(entry.Namespace, target.Name)] = list = [];
            }

            list.Add(target);
            CheckService(target);
        }
    }

    // The Service and port must exist, and be TCP: BackendTLSPolicy applies only to TCP traffic.
    private void CheckService(BackendTlsPolicyTarget target)
    {
        var ns = target.Policy.Namespace;
        var service = _store.Get<V1Service>(string.Empty, "Service", ns, target.Name);
        if (service is null)
        {
            target.Problem = new Problem(PolicyConditions.TargetNotFound, $"Service {ns}/{target.Name} not found");
            return;
        }

        var ports = (service.Spec?.Ports ?? []).Where(p => p is not null).ToList();
        if (target.SectionName is { } section)
        {
            var port = ports.FirstOrDefault(p => string.Equals(p.Name, section, StringComparison.Ordinal));
            if (port is null)
            {
                target.Problem = new Problem(PolicyConditions.TargetNotFound, $"Service {ns}/{target.Name} has no port named {section}");
            }
            else if (!IsTcp(port))
            {
                target.Problem = new Problem(PolicyConditions.Invalid, $"Service {ns}/{target.Name} port {section} uses {port.Protocol}; BackendTLSPolicy applies only to TCP ports");
            }

            return;
        }

        var other = ports.Where(p => !IsTcp(p)).Select(p => p.Name ?? p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (ports.Count > 0 && other.Count == ports.Count)
        {
            target.Problem = new Problem(PolicyConditions.Invalid, $"Service {ns}/{target.Name} has no TCP port; BackendTLSPolicy applies only to TCP ports");
        }
        else if (other.Count > 0)
        {
            target.Note = $"Service {ns}/{target.Name} port(s) {string.Join(", ", other)} are not TCP and left out";
        }
    }

    private static bool IsTcp(V1ServicePort port) => string.Equals(port.Protocol ?? "TCP", "TCP", StringComparison.Ordinal);

    // Among the targets selecting the same Service and section, the oldest policy wins, then the first by namespace/name.
    private void ResolveConflicts()
    {
        var groups = Entries
            .SelectMany(e => e.Targets)
            .Where(t => t.IsService && t.Problem is null)
            .GroupBy(t => (t.Policy.Namespace, t.Name, t.SectionName ?? string.Empty));
        foreach (var group in groups)
        {
            var ordered = group
                .OrderBy(t => t.Policy.Created)
                .ThenBy(t => t.Policy.FullName, StringComparer.Ordinal)
                .ToList();
            var winner = ordered[0];
            _effective[group.Key] = winner;
            foreach (var loser in ordered.Skip(1))
            {
                var why = loser.Policy.Created > winner.Policy.Created ? "it is older" : "it is as old and comes first by namespace/name";
                loser.Problem = new Problem(PolicyConditions.Conflicted, $"BackendTLSPolicy {winner.Policy.FullName} also selects {loser.Describe()} and takes precedence: {why}");
            }
        }
    }
}

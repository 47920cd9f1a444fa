using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Ir;
using Switchyard.Resources.Store;
using Switchyard.Translation.GatewayApi;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// The certificates the Ingress HTTPS listener serves. A host gets the certificate of the oldest Ingress whose
/// <c>spec.tls</c> lists it (a listed <c>*.suffix</c> covers one label), or, for a host of its rules that no entry
/// lists, whose Secret's certificate is valid for it. The <c>--default-certificate</c>, when set, serves every other
/// name; without it, a handshake for a name without a certificate fails. Nothing is self-signed.
/// </summary>
internal sealed class IngressTls
{
    private readonly SortedDictionary<string, TlsCertificate> _byHost = new(StringComparer.Ordinal);

    /// <summary>The default certificate (catch-all), when configured and usable.</summary>
    public TlsCertificate? Default { get; private set; }

    /// <summary>Certificates in SNI order: one per host, then the default.</summary>
    public IEnumerable<TlsCertificate> Certificates =>
        _byHost.Values.OrderBy(c => c.Hostname, Comparer<string?>.Create(Hostnames.CompareSpecificity)).Concat(Default is null ? [] : [Default]);

    public bool Any => _byHost.Count > 0 || Default is not null;

    /// <summary>True when <paramref name="host"/> has a certificate of its own (not only the default).</summary>
    public bool HasCertificate(string host) => host.Length > 0 && _byHost.Keys.Any(pattern => IngressHosts.Covers(pattern, host));

    public static IngressTls Resolve(TranslationContext ctx, IReadOnlyList<IngressEntry> entries)
    {
        var tls = new IngressTls();
        var secrets = new Dictionary<string, CertificateResolution>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => !e.IsCanary))
        {
            var items = entry.Ingress.Spec?.Tls ?? [];
            var resolved = new List<(TlsCertificate Certificate, IReadOnlyList<string> Hosts)>();
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item is null)
                {
                    continue;
                }

                var field = string.Create(CultureInfo.InvariantCulture, $"spec.tls[{i}]");
                var hosts = (item.Hosts ?? []).Where(h => !string.IsNullOrEmpty(h)).Select(IngressHosts.Normalize).Distinct(StringComparer.Ordinal).ToList();
                if (string.IsNullOrEmpty(item.SecretName))
                {
                    ctx.Warn(entry.Key, field + ".secretName", "no secretName: these hosts get no certificate from this entry");
                    continue;
                }

                var secretKey = entry.Namespace + "/" + item.SecretName;
                if (!secrets.TryGetValue(secretKey, out var resolution))
                {
                    secrets[secretKey] = resolution = TlsCertificates.ResolveSecret(ctx.Store, entry.Namespace, item.SecretName, null, ctx.Now);
                }

                if (resolution.Certificate is not { } certificate)
                {
                    ctx.Warn(entry.Key, field + ".secretName", resolution.Problem!.Value.Message + "; its hosts get no certificate from it");
                    continue;
                }

                if (resolution.Warning is { } warning)
                {
                    ctx.Warn(entry.Key, field + ".secretName", warning);
                }

                resolved.Add((certificate, hosts));
                foreach (var host in hosts)
                {
                    tls.Claim(host, certificate);
                }
            }

            // A host of the rules that no entry lists takes a certificate of this Ingress valid for it.
            foreach (var host in entry.Hosts.Where(h => h.Length > 0 && !IngressHosts.IsWildcard(h) && !tls._byHost.ContainsKey(h)))
            {
                if (resolved.FirstOrDefault(r => !r.Hosts.Any(listed => IngressHosts.Covers(listed, host)) && IsValidFor(r.Certificate, host)).Certificate is { } matching)
                {
                    tls.Claim(host, matching);
                }
            }
        }

        tls.ResolveDefault(ctx);
        return tls;
    }

    private void Claim(string host, TlsCertificate certificate)
    {
        if (!_byHost.ContainsKey(host))
        {
            _byHost[host] = certificate with { Hostname = host, Wildcard = IngressHosts.IsWildcard(host) ? WildcardMatch.SingleLabel : WildcardMatch.OneOrMoreLabels };
        }
    }

    private void ResolveDefault(TranslationContext ctx)
    {
        if (ctx.Options.DefaultCertificate is not { } reference)
        {
            return;
        }

        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var ns = slash < 0 ? "default" : reference[..slash];
        var name = slash < 0 ? reference : reference[(slash + 1)..];
        var resolution = TlsCertificates.ResolveSecret(ctx.Store, ns, name, null, ctx.Now);
        var key = new ResourceKey(string.Empty, "Secret", ns, name);
        if (resolution.Certificate is { } certificate)
        {
            Default = certificate;
            if (resolution.Warning is { } warning)
            {
                ctx.Warn(key, string.Empty, "--default-certificate: " + warning);
            }
        }
        else
        {
            ctx.Warn(key, string.Empty, "--default-certificate: " + resolution.Problem!.Value.Message + "; names without a certificate of their own fail the TLS handshake");
        }
    }

    private static bool IsValidFor(TlsCertificate certificate, string host)
    {
        try
        {
            using var parsed = X509Certificate2.CreateFromPem(certificate.CertificatePem);
            return parsed.MatchesHostname(host);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}

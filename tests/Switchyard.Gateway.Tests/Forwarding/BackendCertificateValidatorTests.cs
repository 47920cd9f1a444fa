using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class BackendCertificateValidatorTests
{
    [Theory]
    [InlineData("abc.example.com", "abc.example.com", true)]
    [InlineData("ABC.Example.com", "abc.example.com", true)]
    [InlineData("abc.example.com.", "abc.example.com", true)]
    [InlineData("*.example.com", "abc.example.com", true)]
    [InlineData("abc.example.com", "*.example.com", true)]
    [InlineData("*.example.com", "*.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("abc.example.com", "*.other.com", false)]
    [InlineData("dce.example.com", "abc.example.com", false)]
    [InlineData("*.a.example.com", "*.b.example.com", false)]
    public void DnsNameMatches_CertificateNameAgainstPolicyName(string certificate, string policy, bool expected) =>
        Assert.Equal(expected, BackendCertificateValidator.DnsNameMatches(certificate, policy));

    [Theory]
    [InlineData(new[] { "abc.example.com" }, new string[0], true)]
    [InlineData(new[] { "*.example.com" }, new string[0], true)]
    [InlineData(new[] { "dce.example.com", "abc.example.com" }, new string[0], true)]
    [InlineData(new string[0], new[] { "spiffe://cluster.local/ns/apps/sa/web" }, true)]
    [InlineData(new[] { "dce.example.com" }, new[] { "spiffe://cluster.local/ns/apps/sa/web" }, true)]
    [InlineData(new[] { "dce.example.com" }, new string[0], false)]
    [InlineData(new string[0], new[] { "spiffe://cluster.local/ns/apps/sa/other" }, false)]
    [InlineData(new string[0], new[] { "SPIFFE://cluster.local/ns/apps/sa/web" }, false)]
    [InlineData(new[] { "192.0.2.10" }, new string[0], false)]
    public void MatchesSubjectAltNames_DnsAndUriEntries(string[] hostnames, string[] uris, bool expected)
    {
        using var certificate = Certificate(names =>
        {
            names.AddDnsName("abc.example.com");
            names.AddIpAddress(IPAddress.Parse("192.0.2.10"));
            names.AddUri(new Uri("spiffe://cluster.local/ns/apps/sa/web"));
        });

        Assert.Equal(expected, BackendCertificateValidator.MatchesSubjectAltNames(certificate, hostnames, uris));
    }

    [Fact]
    public void MatchesSubjectAltNames_NoExtension_MatchesNothing()
    {
        using var certificate = Certificate(null);

        Assert.False(BackendCertificateValidator.MatchesSubjectAltNames(certificate, ["abc.example.com"], []));
    }

    [Fact]
    public void ChainPolicy_CaBundle_TrustsOnlyIt_SystemStoreOtherwise()
    {
        using var certificate = Certificate(null);
        var pem = certificate.ExportCertificatePem();

        var policy = BackendCertificateValidator.ChainPolicy(new BackendTls { Hostname = "abc.example.com", CaCertificatePem = pem + "\n" + pem });

        Assert.NotNull(policy);
        Assert.Equal(X509ChainTrustMode.CustomRootTrust, policy.TrustMode);
        Assert.Equal(2, policy.CustomTrustStore.Count);
        Assert.Null(BackendCertificateValidator.ChainPolicy(new BackendTls { Hostname = "abc.example.com" }));
    }

    [Fact]
    public void BackendTls_EqualByValue_SoClusterStateSurvivesSnapshots()
    {
        BackendTls Make() => new()
        {
            Hostname = "abc.example.com",
            SubjectAltNameHostnames = ImmutableArray.Create("abc.example.com"),
            SubjectAltNameUris = ImmutableArray.Create("spiffe://x/y"),
        };

        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make() with { SubjectAltNameUris = ImmutableArray.Create("spiffe://x/z") });
    }

    private static X509Certificate2 Certificate(Action<SubjectAlternativeNameBuilder>? names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=abc.example.com", key, HashAlgorithmName.SHA256);
        if (names is not null)
        {
            var builder = new SubjectAlternativeNameBuilder();
            names(builder);
            request.CertificateExtensions.Add(builder.Build());
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}

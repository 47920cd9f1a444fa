using System.Net.Security;

namespace Switchyard.Gateway.Tls;

/// <summary>What SNI selects on a TLS-terminating listener: the certificate to serve and how the client is checked.</summary>
internal sealed record ServerTlsEntry(SslStreamCertificateContext Certificate, ClientCertificatePolicy? ClientPolicy);

using Switchyard.Ir;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>A listener certificate reference resolved to a certificate, or the problem that prevents it.</summary>
internal readonly record struct CertificateResolution(TlsCertificate? Certificate, Problem? Problem, string? Warning);

namespace Switchyard.Translation.Ingress.Annotations;

/// <summary>A <c>permanent-redirect</c> or <c>temporal-redirect</c>: the Location as given, and the status code.</summary>
internal sealed record FixedRedirect(string Location, int StatusCode);

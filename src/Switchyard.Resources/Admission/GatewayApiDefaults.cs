using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Admission;

/// <summary>
/// The defaults the Gateway API CRDs declare (+kubebuilder:default), applied as the API server would: a default
/// fills a field only when it is absent (null), never an empty list or string, and defaults nest (a defaulted
/// object gets its own fields' defaults). Experimental-channel fields that the model carries get their
/// experimental defaults.
/// </summary>
public static class GatewayApiDefaults
{
    /// <summary>The time the CRDs put on their placeholder "Waiting for controller" conditions.</summary>
    public static readonly DateTime PendingConditionTime = DateTime.UnixEpoch;

    public static void GatewayClass(GatewayClass gatewayClass)
    {
        // The API server also defaults status on read, so a fresh object shows Accepted=Unknown/Pending.
        gatewayClass.Status ??= new GatewayClassStatus();
        gatewayClass.Status.Conditions ??= [PendingCondition(GatewayClassConditions.Accepted)];
    }

    public static void Gateway(Gateway gateway)
    {
        var spec = gateway.Spec;
        if (spec is null)
        {
            return;
        }

        foreach (var address in NonNull(spec.Addresses))
        {
            address.Type ??= "IPAddress";
        }

        if (spec.AllowedListeners is { } allowedListeners)
        {
            allowedListeners.Namespaces ??= new ListenerNamespaces();
            allowedListeners.Namespaces.From ??= "None";
        }

        foreach (var listener in NonNull(spec.Listeners))
        {
            Listener(listener);
        }

        if (spec.Tls?.Backend?.ClientCertificateRef is { } clientCertificate)
        {
            SecretReference(clientCertificate);
        }

        if (spec.Tls?.Frontend is { } frontend)
        {
            FrontendValidation(frontend.Default?.Validation);
            foreach (var perPort in NonNull(frontend.PerPort))
            {
                FrontendValidation(perPort.Tls?.Validation);
            }
        }

        gateway.Status ??= new GatewayStatus();
        gateway.Status.Conditions ??=
        [
            PendingCondition(GatewayConditions.Accepted),
            PendingCondition(GatewayConditions.Programmed),
        ];
        foreach (var address in NonNull(gateway.Status.Addresses))
        {
            address.Type ??= "IPAddress";
        }

        foreach (var listenerStatus in NonNull(gateway.Status.Listeners))
        {
            foreach (var kind in NonNull(listenerStatus.SupportedKinds))
            {
                kind.Group ??= GatewayApiGroup.Name;
            }
        }
    }

    public static void ListenerSet(ListenerSet listenerSet)
    {
        var spec = listenerSet.Spec;
        if (spec is null)
        {
            return;
        }

        if (spec.ParentRef is { } parentRef)
        {
            parentRef.Group ??= GatewayApiGroup.Name;
            parentRef.Kind ??= Model.GatewayApi.Gateway.KindName;
        }

        foreach (var listener in NonNull(spec.Listeners))
        {
            Listener(listener);
        }

        listenerSet.Status ??= new ListenerSetStatus();
        listenerSet.Status.Conditions ??=
        [
            PendingCondition(ListenerSetConditions.Accepted),
            PendingCondition(ListenerSetConditions.Programmed),
        ];
        foreach (var listenerStatus in NonNull(listenerSet.Status.Listeners))
        {
            foreach (var kind in NonNull(listenerStatus.SupportedKinds))
            {
                kind.Group ??= GatewayApiGroup.Name;
            }
        }
    }

    public static void HttpRoute(HttpRoute route)
    {
        var spec = route.Spec;
        if (spec is null)
        {
            return;
        }

        ParentReferences(spec.ParentRefs);

        // Both levels default to "match every path", so a route with no rules still routes (and validates).
        spec.Rules ??= [new HttpRouteRule()];
        foreach (var rule in NonNull(spec.Rules))
        {
            rule.Matches ??= [new HttpRouteMatch()];
            foreach (var match in NonNull(rule.Matches))
            {
                match.Path ??= new HttpPathMatch();
                match.Path.Type ??= "PathPrefix";
                match.Path.Value ??= "/";
                foreach (var header in NonNull(match.Headers))
                {
                    header.Type ??= "Exact";
                }

                foreach (var query in NonNull(match.QueryParams))
                {
                    query.Type ??= "Exact";
                }
            }

            HttpFilters(rule.Filters);
            foreach (var backend in NonNull(rule.BackendRefs))
            {
                BackendReference(backend);
                backend.Weight ??= 1;
                HttpFilters(backend.Filters);
            }

            SessionPersistence(rule.SessionPersistence);
        }

        RouteStatus(route.Status);
    }

    public static void GrpcRoute(GrpcRoute route)
    {
        var spec = route.Spec;
        if (spec is null)
        {
            return;
        }

        ParentReferences(spec.ParentRefs);

        // Unlike HTTPRoute, GRPCRoute has no rules or matches default: absent already means "match everything".
        foreach (var rule in NonNull(spec.Rules))
        {
            foreach (var match in NonNull(rule.Matches))
            {
                match.Method?.Type ??= "Exact";
                foreach (var header in NonNull(match.Headers))
                {
                    header.Type ??= "Exact";
                }
            }

            GrpcFilters(rule.Filters);
            foreach (var backend in NonNull(rule.BackendRefs))
            {
                BackendReference(backend);
                backend.Weight ??= 1;
                GrpcFilters(backend.Filters);
            }

            SessionPersistence(rule.SessionPersistence);
        }

        RouteStatus(route.Status);
    }

    public static void TlsRoute(TlsRoute route)
    {
        var spec = route.Spec;
        if (spec is null)
        {
            return;
        }

        ParentReferences(spec.ParentRefs);
        foreach (var rule in NonNull(spec.Rules))
        {
            foreach (var backend in NonNull(rule.BackendRefs))
            {
                BackendReference(backend);
                backend.Weight ??= 1;
            }
        }

        RouteStatus(route.Status);
    }

    public static void BackendTlsPolicy(BackendTlsPolicy policy)
    {
        foreach (var ancestor in NonNull(policy.Status?.Ancestors))
        {
            ParentReference(ancestor.AncestorRef);
        }
    }

    private static void Listener(Listener listener)
    {
        listener.AllowedRoutes ??= new AllowedRoutes();
        listener.AllowedRoutes.Namespaces ??= new RouteNamespaces();
        listener.AllowedRoutes.Namespaces.From ??= "Same";
        foreach (var kind in NonNull(listener.AllowedRoutes.Kinds))
        {
            kind.Group ??= GatewayApiGroup.Name;
        }

        if (listener.Tls is { } tls)
        {
            tls.Mode ??= "Terminate";
            foreach (var certificate in NonNull(tls.CertificateRefs))
            {
                SecretReference(certificate);
            }
        }
    }

    private static void FrontendValidation(FrontendTlsValidation? validation)
    {
        validation?.Mode ??= "AllowValidOnly";
    }

    private static void SecretReference(SecretObjectReference reference)
    {
        reference.Group ??= string.Empty;
        reference.Kind ??= "Secret";
    }

    private static void BackendReference(IBackendObjectReference reference)
    {
        reference.Group ??= string.Empty;
        reference.Kind ??= "Service";
    }

    private static void ParentReferences(List<ParentReference>? references)
    {
        foreach (var reference in NonNull(references))
        {
            ParentReference(reference);
        }
    }

    private static void ParentReference(ParentReference? reference)
    {
        if (reference is null)
        {
            return;
        }

        reference.Group ??= GatewayApiGroup.Name;
        reference.Kind ??= Model.GatewayApi.Gateway.KindName;
    }

    private static void HttpFilters(List<HttpRouteFilter>? filters)
    {
        foreach (var filter in NonNull(filters))
        {
            RequestMirror(filter.RequestMirror);
            filter.RequestRedirect?.StatusCode ??= 302;
            filter.Cors?.MaxAge ??= 5;
        }
    }

    private static void GrpcFilters(List<GrpcRouteFilter>? filters)
    {
        foreach (var filter in NonNull(filters))
        {
            RequestMirror(filter.RequestMirror);
        }
    }

    private static void RequestMirror(HttpRequestMirrorFilter? mirror)
    {
        if (mirror is null)
        {
            return;
        }

        if (mirror.BackendRef is { } backend)
        {
            BackendReference(backend);
        }

        mirror.Fraction?.Denominator ??= 100;
    }

    private static void SessionPersistence(SessionPersistence? persistence)
    {
        if (persistence is null)
        {
            return;
        }

        persistence.Type ??= "Cookie";
        persistence.CookieConfig?.LifetimeType ??= "Session";
    }

    private static void RouteStatus(RouteStatus? status)
    {
        foreach (var parent in NonNull(status?.Parents))
        {
            ParentReference(parent.ParentRef);
        }
    }

    private static V1Condition PendingCondition(string type) => new()
    {
        Type = type,
        Status = "Unknown",
        Reason = "Pending",
        Message = "Waiting for controller",
        LastTransitionTime = PendingConditionTime,
    };

    /// <summary>The list's elements, skipping JSON nulls (validation reports those).</summary>
    private static IEnumerable<T> NonNull<T>(List<T>? list)
        where T : class
    {
        if (list is null)
        {
            yield break;
        }

        foreach (var item in list)
        {
            if (item is not null)
            {
                yield return item;
            }
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// What the matched rule does before any backend, in the order the request handler does it: the client address
/// allow list (403), a CORS preflight (answered by the gateway), a direct response or a redirect (Location built by
/// the data plane's <see cref="RedirectBuilder"/>), or forwarding with header modifiers and the URL rewrite (path
/// from the data plane's <see cref="UrlRewritePlan"/>). Returns false when the gateway answers itself.
/// </summary>
internal static class FilterStep
{
    public static bool Run(TraceState state, Listener listener, CompiledRule matched)
    {
        var request = state.Request;
        var rule = matched.Rule;
        var action = rule.Action;
        var problems = new List<string>();
        var lines = new List<string>();

        if (SourceRangeList.Create(action.SourceRanges, problems) is { } ranges)
        {
            var allowed = string.Join(", ", action.SourceRanges);
            if (ClientAddress(state) is not { } client)
            {
                lines.Add($"client address allow list {allowed}: not checked (no --from-pod; a client outside it gets 403)");
            }
            else if (!ranges.Allows(client))
            {
                var forbidden = state.Answer(403);
                state.Fail("filters", $"{forbidden}: client {client} is not in the allowed source ranges {allowed}", forbidden + ": client address not allowed");
                return false;
            }
            else
            {
                lines.Add($"client {client} is in the allowed source ranges {allowed}");
            }
        }

        if (action.Cors is { } cors && Preflight(request, cors) is { } preflight)
        {
            state.Verdict = "answered by the gateway: CORS preflight " + preflight;
            state.Stopped = true;
            state.Add("filters", HopResult.Info, "CORS preflight answered by the gateway: " + preflight);
            return false;
        }

        if (action.DirectResponse is { } direct)
        {
            // An error answer reaches a gRPC client as a gRPC status instead (and without the body).
            var error = direct.StatusCode >= 400;
            var code = error ? state.Answer(direct.StatusCode) : direct.StatusCode.ToString(CultureInfo.InvariantCulture);
            var body = string.IsNullOrEmpty(direct.Body) || (error && request.Grpc) ? string.Empty : ": " + direct.Body.Trim();
            var summary = $"the gateway answers {code} itself{body}";
            if (error)
            {
                var hop = state.Fail("filters", summary, code + " from the gateway (" + RuleNames.Describe(rule) + ")");
                hop.Data["status"] = direct.StatusCode;
                if (request.Grpc)
                {
                    hop.Data["grpcStatus"] = GrpcErrors.StatusFor(direct.StatusCode);
                }
            }
            else
            {
                state.Stopped = true;
                state.Verdict = "answered " + code + " by the gateway (no backend)";
                state.Add("filters", HopResult.Info, summary).Data["status"] = direct.StatusCode;
            }

            return false;
        }

        if (action.Redirect is { } redirect)
        {
            var location = RedirectBuilder.BuildLocation(
                redirect, request.Scheme, Hostnames.StripPort(request.Authority), request.Port, request.Path, request.Query, matched.MatchedPrefix, request.Authority);
            state.Stopped = true;
            state.Verdict = $"redirected: {redirect.StatusCode} Location {location} (trace that URL next)";
            var hop = state.Add("filters", HopResult.Info, $"redirect {redirect.StatusCode} → {location}");
            hop.Data["status"] = redirect.StatusCode;
            hop.Data["location"] = location;
            return false;
        }

        if (action.MaxRequestBodySize is { } limit)
        {
            lines.Add($"request bodies over {limit} bytes get 413");
        }

        Modifier(lines, "request header", action.RequestHeaders);
        Modifier(lines, "response header", action.ResponseHeaders);
        var path = request.Path;
        var upstreamHost = request.Authority;
        if (action.Rewrite is { } rewrite)
        {
            var plan = UrlRewritePlan.Create(rewrite, matched.MatchedPrefix, problems);
            path = plan.RewritePath(request.Path);
            upstreamHost = plan.Hostname ?? upstreamHost;
        }

        foreach (var mirror in action.Mirrors)
        {
            lines.Add($"mirrored to {mirror.ClusterId} ({RuleNames.Percent(mirror.Fraction)} of requests, answers discarded)");
        }

        if (action.RequestTimeout is { } timeout && timeout > TimeSpan.Zero)
        {
            lines.Add($"request timeout {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (504 after it)");
        }

        if (action.BackendRequestTimeout is { } backendTimeout && backendTimeout > TimeSpan.Zero)
        {
            lines.Add($"backend request timeout {backendTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }

        if (action.Retry is { } retry)
        {
            var codes = retry.Codes.IsDefaultOrEmpty ? "none" : string.Join(", ", retry.Codes);
            lines.Add($"retried up to {retry.Attempts} times (status codes: {codes}; connection errors and backend request timeouts), backoff from {retry.Backoff.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms; bodies over 64 KiB are sent once");
        }

        if (action.Cors is not null)
        {
            lines.Add("CORS headers added to responses for allowed origins");
        }

        var upstream = $"{request.Method} {path}{request.Query} Host: {upstreamHost}";
        var filters = state.Add("filters", HopResult.Ok, "upstream request " + upstream);
        filters.Data["method"] = request.Method;
        filters.Data["path"] = path;
        filters.Data["query"] = request.Query;
        filters.Data["host"] = upstreamHost;
        lines.Add("the backend sees the gateway's address as the client; the client's is in X-Forwarded-For");
        lines.ForEach(l => filters.Detail(l));
        filters.Data["notes"] = new JsonArray([.. lines.Select(l => (JsonNode?)l)]);
        return true;
    }

    private static IPAddress? ClientAddress(TraceState state) =>
        state.Client?.Status?.PodIP is { } ip && IPAddress.TryParse(ip, out var address) ? address : null;

    /// <summary>Runs the data plane's own preflight check on a request built from the trace; null when not a preflight.</summary>
    private static string? Preflight(TraceRequest request, CorsPolicy cors)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = request.Method;
        foreach (var (name, value) in request.HeaderDictionary())
        {
            context.Request.Headers[name] = value;
        }

        if (CorsPlan.Create(cors) is not { } plan || !plan.TryAnswerPreflight(context))
        {
            return null;
        }

        var origin = context.Response.Headers.AccessControlAllowOrigin.ToString();
        return $"{context.Response.StatusCode.ToString(CultureInfo.InvariantCulture)} with Access-Control-Allow-Origin {(origin.Length == 0 ? "(none)" : origin)}";
    }

    private static void Modifier(List<string> lines, string what, HeaderModifier? modifier)
    {
        if (modifier is null)
        {
            return;
        }

        lines.AddRange(modifier.Set.Select(p => $"{what} set {p.Key}: {p.Value}"));
        lines.AddRange(modifier.Add.Select(p => $"{what} add {p.Key}: {p.Value}"));
        lines.AddRange(modifier.Remove.Select(n => $"{what} remove {n}"));
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Diagnostics.Check;
using Switchyard.Diagnostics.Trace;

namespace Switchyard.Diagnostics.Output;

/// <summary>Formats a <see cref="TraceReport"/>: a numbered walk with ✔/✘ per hop, or JSON with a stable shape.</summary>
public static class TracePrinter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(TraceReport report, string output) => output == "json" ? Json(report) : Text(report);

    public static string Text(TraceReport report)
    {
        var request = report.Request;
        var text = new StringBuilder();
        text.Append("trace ").Append(request.Grpc ? "gRPC" : request.Method).Append(' ').Append(request.Url);
        if (request.FromPod is { } pod)
        {
            text.Append(" from Pod ").Append(pod);
        }

        text.Append('\n');
        foreach (var (name, value) in request.Headers)
        {
            text.Append("  ").Append(name).Append(": ").Append(value).Append('\n');
        }

        for (var i = 0; i < report.Hops.Count; i++)
        {
            var hop = report.Hops[i];
            text.Append((i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(2)).Append(' ').Append(Mark(hop.Result)).Append(' ')
                .Append(hop.Kind.PadRight(14)).Append(hop.Summary).Append('\n');
            foreach (var detail in hop.Details)
            {
                text.Append("                    ").Append(detail).Append('\n');
            }
        }

        text.Append(report.Served ? "✔ " : "✘ ").Append(report.Verdict).Append('\n');
        if (report.Findings.Count > 0)
        {
            text.Append("related check findings:\n");
            foreach (var f in report.Findings)
            {
                text.Append("  ").Append(f.Location.ToString()).Append(": ").Append(FindingPrinter.Lower(f.Severity)).Append(' ').Append(f.RuleId)
                    .Append(' ').Append(f.Object.ToString());
                if (f.Field.Length > 0)
                {
                    text.Append(' ').Append(f.Field);
                }

                text.Append("\n      ").Append(f.Message).Append("\n      fix: ").Append(f.Fix).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Json(TraceReport report)
    {
        var request = report.Request;
        var hops = new JsonArray();
        for (var i = 0; i < report.Hops.Count; i++)
        {
            var hop = report.Hops[i];
            hops.Add(new JsonObject
            {
                ["step"] = i + 1,
                ["kind"] = hop.Kind,
                ["result"] = Lower(hop.Result),
                ["summary"] = hop.Summary,
                ["details"] = new JsonArray([.. hop.Details.Select(d => (JsonNode?)d)]),
                ["data"] = hop.Data.DeepClone(),
            });
        }

        var findings = new JsonArray();
        foreach (var f in report.Findings)
        {
            findings.Add(new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["severity"] = FindingPrinter.Lower(f.Severity),
                ["object"] = new JsonObject { ["kind"] = f.Object.Kind, ["namespace"] = f.Object.Namespace, ["name"] = f.Object.Name },
                ["field"] = f.Field,
                ["message"] = f.Message,
                ["fix"] = f.Fix,
                ["file"] = f.Location.File,
                ["line"] = f.Location.Line,
            });
        }

        var requestJson = new JsonObject
        {
            ["url"] = request.Url,
            ["method"] = request.Method,
            ["scheme"] = request.Scheme,
            ["host"] = request.Host,
            ["port"] = request.Port,
            ["hostHeader"] = request.Authority,
            ["path"] = request.Path,
            ["query"] = request.Query,
            ["headers"] = new JsonArray([.. request.Headers.Select(h => (JsonNode?)new JsonObject { ["name"] = h.Key, ["value"] = h.Value })]),
            ["fromPod"] = request.FromPod,
        };
        if (request.Grpc)
        {
            requestJson["grpc"] = new JsonObject { ["service"] = request.GrpcService, ["method"] = request.GrpcMethod };
        }

        var root = new JsonObject
        {
            ["request"] = requestJson,
            ["served"] = report.Served,
            ["verdict"] = report.Verdict,
            ["hops"] = hops,
            ["findings"] = findings,
        };
        return root.ToJsonString(Indented) + "\n";
    }

    private static string Mark(HopResult result) => result switch
    {
        HopResult.Ok => "✔",
        HopResult.Failed => "✘",
        _ => "•",
    };

    private static string Lower(HopResult result) => result switch
    {
        HopResult.Ok => "ok",
        HopResult.Failed => "failed",
        _ => "info",
    };

    private static string Lower(Severity severity) => FindingPrinter.Lower(severity);
}

using System.Text.Json.Nodes;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// One hop of the walk: its kind (<c>dns</c>, <c>listener</c>, <c>route</c>...), the result, a one-line summary, the
/// lines that explain it, and the same facts as structured data for <c>-o json</c>.
/// </summary>
public sealed class TraceHop(string kind, HopResult result, string summary)
{
    public string Kind { get; } = kind;

    public HopResult Result { get; set; } = result;

    public string Summary { get; } = summary;

    public List<string> Details { get; } = [];

    /// <summary>Hop-specific fields, written under <c>data</c> in JSON (property order is insertion order).</summary>
    public JsonObject Data { get; } = [];

    public TraceHop Detail(string line)
    {
        Details.Add(line);
        return this;
    }
}

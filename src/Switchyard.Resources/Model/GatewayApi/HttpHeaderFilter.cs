using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Edits headers: set replaces, add appends, remove deletes (by name).</summary>
public sealed class HttpHeaderFilter
{
    [JsonPropertyName("set")]
    public List<HttpHeader>? Set { get; set; }

    [JsonPropertyName("add")]
    public List<HttpHeader>? Add { get; set; }

    [JsonPropertyName("remove")]
    public List<string>? Remove { get; set; }
}

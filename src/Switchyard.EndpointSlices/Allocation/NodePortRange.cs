namespace Switchyard.EndpointSlices.Allocation;

/// <summary>The NodePort range, handed out like upstream's port allocator: upper band first, then the lower band.</summary>
internal sealed class NodePortRange
{
    private readonly int _dynamicOffset;

    public NodePortRange(int min, int max)
    {
        Min = min;
        Max = max;
        var size = max - min + 1;
        // Upstream's calculateRangeOffset for ports: min(max(16, size/32), 128), none for 16 ports or fewer.
        _dynamicOffset = size <= 16 ? 0 : Math.Clamp(size / 32, 16, 128);
    }

    public int Min { get; }

    public int Max { get; }

    public bool Contains(int port) => port >= Min && port <= Max;

    public IEnumerable<int> Candidates()
    {
        for (var port = Min + _dynamicOffset; port <= Max; port++)
        {
            yield return port;
        }

        for (var port = Min; port < Min + _dynamicOffset; port++)
        {
            yield return port;
        }
    }
}

namespace Switchyard.GrpcRoute.Tests;

/// <summary>Polls a condition until it holds or a generous deadline passes (for effects that happen in the background).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because);
            await Task.Delay(20);
        }
    }
}

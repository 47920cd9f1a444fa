using Switchyard.Resources.Loading;

namespace Switchyard.Cli.Serving;

/// <summary>
/// Watches the <c>-f</c> files and directories and signals (debounced) when any manifest may have changed.
/// Editors often save by rename, so every event kind counts; the reload re-reads everything and the store diffs.
/// </summary>
internal sealed class ManifestWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private readonly TimeSpan _debounce;

    public ManifestWatcher(IEnumerable<string> paths, TimeSpan debounce, Action onChange)
    {
        _debounce = debounce;
        _timer = new Timer(_ => onChange(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var path in paths)
        {
            if (path == ManifestFiles.Stdin)
            {
                continue;
            }

            var full = Path.GetFullPath(path);
            FileSystemWatcher watcher;
            if (Directory.Exists(full))
            {
                watcher = new FileSystemWatcher(full) { IncludeSubdirectories = true };
            }
            else
            {
                var directory = Path.GetDirectoryName(full)!;
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                watcher = new FileSystemWatcher(directory, Path.GetFileName(full));
            }

            watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime;
            watcher.Changed += OnEvent;
            watcher.Created += OnEvent;
            watcher.Deleted += OnEvent;
            watcher.Renamed += OnEvent;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
    }

    private void OnEvent(object sender, FileSystemEventArgs e) => _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
}

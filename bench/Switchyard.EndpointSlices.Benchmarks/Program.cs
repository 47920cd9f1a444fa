using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Switchyard.EndpointSlices.Benchmarks.EndpointSliceSyncBenchmarks).Assembly).Run(args);

// Environment-variable tests and the CLI processes (2 cores) must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

"""Developer tools: the benchmark, the stdlib trace, test data. The build never imports them."""

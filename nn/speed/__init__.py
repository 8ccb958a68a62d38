"""How fast it runs: the BLAS thread setting, timing helpers and the benchmark's measurements."""

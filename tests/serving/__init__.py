"""Serving: `make serve` with voila.json (preheated kernels, culler) in a real browser."""

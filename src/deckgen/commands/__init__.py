"""Plain functions behind each CLI command: paths in, results and diagnostics out (no click here)."""

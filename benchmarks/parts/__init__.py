"""The full-scale loader's steps, by domain; ``benchmarks.loader.Loader`` runs them in order."""

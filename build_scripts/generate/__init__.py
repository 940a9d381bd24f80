"""Generate: definitions, translations, stories and benchmarks -> the pages of the site."""

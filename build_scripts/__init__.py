"""Build step: questionnaire models -> generated pages, engine wheel and runtime in the site."""

"""Stage 4: the report of a run and its output formats."""

"""Stage 2: rules — policy packs, their checks and the pure engine that evaluates them."""

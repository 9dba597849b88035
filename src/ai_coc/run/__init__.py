"""Stage 3: one run — configuration, waivers, baselines, scans and git history."""

"""Example red lines for ai-coc. This package holds only data (pack.yaml and rule files);
ai-coc finds its folder through the entry point and never imports it."""

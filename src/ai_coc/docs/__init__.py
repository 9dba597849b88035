"""The Sphinx extension that generates the reference pages from the code and the packs."""

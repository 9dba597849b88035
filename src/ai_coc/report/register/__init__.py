"""The organisation's register: many repositories' JSON reports on one page (``ai-coc report``).

:mod:`.load` reads the reports into the :mod:`.model`; :mod:`.html` writes the internal register,
:mod:`.public` the page the organisation can publish, :mod:`.tabular` CSV and JSON.
"""

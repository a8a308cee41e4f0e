"""Reports colleagues read and formats other tools speak.

``dossier`` gathers what a report shows (claims beside their counter-claims, quotes in context,
sources, the highest marking); ``html`` renders it as one self-contained page and ``pdf`` prints
that page with WeasyPrint; ``xlsx`` writes a spreadsheet to read; ``stix`` and ``claimreview``
speak the exchange formats of threat-intelligence platforms and fact-checkers. Every report
honours a ``max_tlp`` marking limit. No Qt here: the command line writes every format.
"""

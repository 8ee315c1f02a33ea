"""`plancheck report`: a picture of a whole archive in one self-contained HTML file.

The run itself is `check`'s (:mod:`plancheck.report.collect`); the numbers are made in
:mod:`~plancheck.report.aggregate`, drawn by :mod:`~plancheck.report.charts` and
:mod:`~plancheck.report.worldmap` (matplotlib, as inline SVG), written by
:mod:`~plancheck.report.page` (Jinja2) and, for spreadsheets,
:mod:`~plancheck.report.spreadsheet`. Nothing here is imported by `check`.
"""

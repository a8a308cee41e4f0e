"""Bundled resources: icons, style sheets, the sample article and sample project.

An importable package so that an installed copy finds its data with ``resources.__file__``.
"""

"""Merging another analyst's project file into the open one, and settling its conflicts."""

"""Sahel Influence Tracker: news articles -> country-to-country events -> presence and influence."""

__version__ = "0.1.0"

"""Field extractors: one module per field, each with one pure entry point.

Every entry point takes reading text (see :mod:`pipeline.parse.model`) and returns frozen
dataclasses that keep the normalised value, the raw text and its character span in that text.
"""

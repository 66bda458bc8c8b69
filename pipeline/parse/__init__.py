"""Parsers: raw bytes (HTML, PDF, or page text) → one :class:`~pipeline.parse.model.Document`."""

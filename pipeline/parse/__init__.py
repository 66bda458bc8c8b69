"""Parsers: raw bytes (HTML, PDF, or saved page text) → one :class:`~pipeline.parse.model.Document`."""

from __future__ import annotations

from pipeline.errors import UnsupportedDocument
from pipeline.parse.model import Document


def sniff_kind(data: bytes, content_type: str = "", name: str = "") -> str:
    """ "pdf", "html" or "text", from the bytes first, then the content type, then the file name.

    >>> sniff_kind(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_kind(b"  <!DOCTYPE html><html>")
    'html'
    >>> sniff_kind(b"Reference code: PCD 1", name="page.txt")
    'text'
    """
    head = data[:1024].lstrip().lower()
    ctype = content_type.lower()
    lname = name.lower()
    if head.startswith(b"%pdf") or "pdf" in ctype or lname.endswith(".pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")) or "html" in ctype:
        return "html"
    if lname.endswith((".html", ".htm")):
        return "html"
    if lname.endswith(".txt") or ctype.startswith("text/plain") or not ctype:
        return "text"
    raise UnsupportedDocument(f"{name or 'document'}: content type {content_type!r} is not HTML, PDF or text")


def parse_document(
    data: bytes, source: str, *, content_type: str = "", pdf_timeout: float = 60.0, pdf_max_pages: int = 500
) -> Document:
    """Parse bytes of any supported kind; raises a :class:`~pipeline.errors.ParseError` subclass on bad
    input."""
    kind = sniff_kind(data, content_type, source)
    if kind == "pdf":
        from pipeline.parse.pdf import parse_pdf  # pdf stack is heavy: import on first PDF only

        return parse_pdf(data, source, timeout=pdf_timeout, max_pages=pdf_max_pages)
    if kind == "html":
        from pipeline.parse.html import parse_html

        charset = content_type.lower().partition("charset=")[2].split(";")[0].strip(" \"'") or None
        return parse_html(data, source, charset=charset)
    from pipeline.parse.text import parse_text

    return parse_text(data, source)

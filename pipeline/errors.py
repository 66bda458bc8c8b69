"""The pipeline's error hierarchy. Only the CLI turns these into messages and exit codes.

Every error carries a short machine-readable ``reason`` (the value written to the ``errors``
table) and a human message naming the thing and the remedy.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""

    reason = "pipeline_error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.reason


class LayoutChanged(PipelineError):
    """A page no longer reads as the adapter expects (a tripwire fired)."""

    reason = "layout_changed"

    def __init__(self, source: str, *, expected: str) -> None:
        super().__init__(
            f"{source}: layout changed, expected {expected}; the site's template may have changed — "
            "check the page by hand and update pipeline/sources/mopac.py",
            source=source,
        )
        self.expected = expected


class ParseError(PipelineError):
    """A document could not be parsed at all."""

    reason = "parse_error"


class EmptyDocument(ParseError):
    """A document has no bytes or no readable content."""

    reason = "empty_document"


class UnsupportedDocument(ParseError):
    """A document of a kind the pipeline does not read (not HTML, PDF or text)."""

    reason = "unsupported_document"


class PdfError(ParseError):
    """A PDF is corrupt, truncated, encrypted or otherwise unreadable."""

    reason = "pdf_error"

    def __init__(self, message: str, *, source: str | None = None, reason: str | None = None) -> None:
        super().__init__(message, source=source)
        if reason:
            self.reason = reason


class NeedsOcr(ParseError):
    """A PDF has pages but no text layer (a scan): it needs OCR before it can be read."""

    reason = "needs_ocr"


class ParseTimeout(ParseError):
    """A document took longer to parse than the configured limit."""

    reason = "parse_timeout"


class FetchError(PipelineError):
    """A URL could not be fetched (after retries) or its response was refused."""

    reason = "fetch_error"

    def __init__(self, message: str, *, source: str | None = None, reason: str | None = None) -> None:
        super().__init__(message, source=source)
        if reason:
            self.reason = reason


class BlockedHost(FetchError):
    """A URL (or a redirect) points at a host outside the allow-list."""

    reason = "blocked_host"


class RobotsDenied(FetchError):
    """robots.txt disallows the URL for our User-Agent."""

    reason = "robots_denied"


class TooLarge(FetchError):
    """A response body exceeded the size cap."""

    reason = "too_large"


class StoreError(PipelineError):
    """The raw store or crawl-state database is unusable."""

    reason = "store_error"


class BuildError(PipelineError):
    """The dataset could not be built or written."""

    reason = "build_error"


class ConfigError(PipelineError):
    """A setting given in the environment or on the command line cannot be used."""

    reason = "bad_setting"

    def __init__(self, message: str) -> None:
        super().__init__(message, source=None)

"""The dataset contract: record types, pyarrow schemas and the schema version (see tables.py)."""

from schemas.tables import SCHEMA_VERSION, TABLES, to_table

__all__ = ["SCHEMA_VERSION", "TABLES", "to_table"]

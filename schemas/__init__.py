"""The catalogue of Xena's tables, one JSON Schema per table; installed as ``xena2archive_schemas``."""

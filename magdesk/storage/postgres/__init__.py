"""The PostgreSQL back end, first part: the schema on a server derived from
the SQLite definition (``schema``) and the exact copy of a company between a
SQLite file and a server database, both ways (``copy``).  Every SQL text for
the server is in this package; psycopg is imported only here, when a copy
runs, so a SQLite user never loads it."""

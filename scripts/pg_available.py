"""Exit 0 when the PostgreSQL at the given URL accepts a connection, 1 otherwise (and say why)."""

import sys

import dj_database_url
import psycopg


def main(url: str) -> int:
    settings = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            dbname=settings["NAME"],
            connect_timeout=3,
        ) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as exc:
        print(f"PostgreSQL check failed: {str(exc).strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""A team project on a PostgreSQL server: opening it, live changes, the server going away,
and what an analyst's role allows."""

"""A desk's shared database on a PostgreSQL server: addresses and passwords, the app's reader,
live change notices (LISTEN/NOTIFY), analysts and their roles."""

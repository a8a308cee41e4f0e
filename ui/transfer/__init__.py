"""Getting work in and out: projects opened and created, articles imported, CSV in and out."""

"""Item delegates that draw cells the plain text cannot say well."""

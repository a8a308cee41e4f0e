"""Reports to read, from the app: Export → Report… (preview, save HTML or PDF, print)."""

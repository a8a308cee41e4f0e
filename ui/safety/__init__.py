"""What the app shows of data safety: changes made elsewhere, stale edits, full disks, damaged
files, database checks (installed on the main window by ``features.install_safety``)."""

"""The trash of every kind in the app: its window, model, restore command and emptying."""

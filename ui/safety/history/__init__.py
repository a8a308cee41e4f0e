"""The history of claims, links, sources and actors in the app: windows, model, restore."""

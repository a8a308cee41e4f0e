"""Sources in the app: their details, corrected versions of their text, and claims that lost
their place in it."""

"""The side-by-side view: a claim on the left, its counter-claims on the right, differences shown."""

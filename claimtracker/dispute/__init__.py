"""The shape of a dispute: who answers whom, echoes, independence of sources, opinions.

Qt-free like the rest of the core. ``graph`` builds the claim network (and its GraphML),
``layout`` places it, ``timeline`` puts claims on a time axis, ``echoes`` finds near-duplicate
claims and quotes, ``independence`` tells whether the sources behind a claim are independent,
and ``opinions`` records what each analyst thinks of a claim.
"""

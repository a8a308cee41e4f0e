"""Seeing the whole dispute: the claim network, the timeline, echo review, independence and
analysts' opinions (the core is ``claimtracker.dispute``). Installed by :mod:`ui.dispute.features`.
"""

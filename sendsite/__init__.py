"""sendsite: a static site generator for a local area's SEND Local Offer, inspections and plans."""

__version__ = "0.1.0"

"""`sendsite check`: what a careful reviewer would say before publishing."""

"""claimex: who claims what in Ukrainian and Russian news."""

__version__ = "0.1.0"

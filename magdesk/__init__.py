"""magdesk: the clerk's desk of a rare-earth permanent-magnet producer."""

__version__ = "0.1.0"

"""HTML to plain text and images (the full block model grows here)."""

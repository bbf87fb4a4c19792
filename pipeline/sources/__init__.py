"""Where new committee papers come from: ModernGov sites and folders, named in a TOML file."""

"""The commands of the CLI, one module per command or group of commands."""

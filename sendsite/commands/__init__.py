"""The commands of the `sendsite` program, one module each."""

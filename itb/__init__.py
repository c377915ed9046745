"""Shared code for every process of the assistant: settings and safety checks."""

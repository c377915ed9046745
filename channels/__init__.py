"""Rasa input channels of the project, configured in credentials.yml."""

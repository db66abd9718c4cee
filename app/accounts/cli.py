"""PLACEHOLDER: replaced by the accounts work (issue 2)."""
import click

cli = click.Group("users", help="Manage user accounts.")

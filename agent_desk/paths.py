"""Where AgentDesk's own files are: beside the package in a source tree, at the bundle root when frozen."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "migrations"

"""Bundles: agents exported as a Claude Code plugin, a zip, a marketplace or another tool's
folders, and bundles imported into a project, never writing outside the target.

The face other packages use: the modules :mod:`.exporter` (plan and write an export),
:mod:`.importer` (open a bundle, plan and apply an import), :mod:`.manifest` (plugin.json and
marketplace.json), :mod:`.staging` (writes staged and moved into place) and :mod:`.zipsafe`
(reading zips and folders within limits).
"""

__all__ = ["exporter", "importer", "manifest", "staging", "zipsafe"]

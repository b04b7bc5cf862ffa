"""User-facing text of the TWS install findings from IBKR's FAQ (English source)."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "tws-folder-read-only": FindingText(
        N_("You may not write to the TWS folder: {folders}"),
        N_(
            "The TWS installer and TWS itself write there (program files, settings, logs); without write access "
            'the installer reports that it "cannot write a file" and TWS does not keep its settings. Install and '
            "run TWS as the same user, or ask whoever manages this computer to give that user write access."
        ),
        N_("Not writable by the user running netcheck (mode bits / ACL): {folders}."),
    ),
    "tws-installed": FindingText(
        N_("Installed here: {installed}"),
        N_(
            "Programs such as NinjaTrader work only with the offline TWS and only with certain versions; compare "
            "this with what the program's vendor names (netcheck run --tws-version-for APP=VERSION)."
        ),
        N_("From the install folders (offline: a folder per version; auto-updating: directly in Jts): {installed}."),
    ),
    "tws-version-mismatch": FindingText(
        N_("The installed TWS is not the one {apps} needs"),
        N_(
            "Installed here: {installed}. Download the offline TWS of that version from IBKR's website and install "
            "it beside the current one; then start that TWS for the program."
        ),
        N_("Wanted {apps}; installed {installed}."),
    ),
    "tws-quarantined": FindingText(
        N_("macOS still marks TWS files as downloaded from the internet: {paths}"),
        N_(
            "Gatekeeper checks such files before they open, and may refuse them as damaged. Download the "
            "installer again from IBKR's website and open it from Finder."
        ),
        N_("Extended attribute com.apple.quarantine is set on: {paths} (xattr -p com.apple.quarantine PATH)."),
    ),
}

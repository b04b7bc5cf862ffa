"""Topics from IBKR's TWS technical FAQ about installing and updating TWS (English source, marked for translation)."""

from __future__ import annotations

from netcheck.guide import sources as src
from netcheck.guide.model import Answer, Topic
from netcheck.messages.base import N_

OFFLINE_OR_AUTO = Answer(
    N_(
        "There are two TWS installs. The offline (standalone) TWS lives in a folder per version, for example "
        "Jts/1045, and changes only when you install a new one. The auto-updating TWS lives directly in the Jts "
        "folder and downloads updates from download.interactivebrokers.com and download2.interactivebrokers.com. "
        "Some programs work only with the offline TWS: NinjaTrader and IBC, for example."
    ),
    N_(
        "Run netcheck run --local-only: it names the TWS installed on this computer, offline or "
        "auto-updating, and its version."
    ),
)

UPDATE_FAILED = Answer(
    N_(
        "Only the auto-updating TWS updates itself, from download.interactivebrokers.com and "
        "download2.interactivebrokers.com on port 443. IBKR also notes that antivirus programs may quarantine or "
        "delete TWS update files, sometimes without a warning."
    ),
    N_(
        "Run netcheck run: it tests both download hosts. If they are reachable, check your antivirus program's "
        "quarantine, or install the offline TWS from IBKR's website."
    ),
)

CANNOT_WRITE = Answer(
    N_(
        "The installer and TWS itself write into the TWS folder (program files, settings, logs). If the user who "
        "installs or runs TWS may not write there, installing fails and settings are not saved. IBKR also notes "
        "that antivirus programs may block or quarantine TWS files during installation."
    ),
    N_(
        "Run netcheck run --local-only as the user who runs TWS: it checks that this user may write to the TWS "
        "folders and names any that are read-only."
    ),
)

SIGNATURE = Answer(
    N_(
        "IBKR digitally signs its TWS installers and updates. A signature that does not match means the file on "
        "this computer is not the one IBKR published: the download broke, or a security program changed it."
    ),
    N_("Delete the installer, download it again from IBKR's main or regional website, and install the new copy."),
)

MAC_DAMAGED = Answer(
    N_(
        "macOS Gatekeeper checks the signature of programs downloaded from the internet before they open for the "
        "first time. netcheck checks whether the TWS app or installer still carries the download quarantine "
        "mark that Gatekeeper looks at."
    ),
    N_(
        "Download the installer again from IBKR's website and open it from Finder. Run netcheck run --local-only "
        "on the Mac to see which TWS files carry the quarantine mark."
    ),
)

ANTIVIRUS = Answer(
    N_(
        "IBKR's installers and updates are signed and free of malicious code; IBKR says such warnings during "
        "installation can be ignored and the installation continued. Your antivirus program may also quarantine "
        "or delete TWS files without asking."
    ),
    N_(
        "If unsure, delete the installer and download it again from IBKR's website; restore TWS files from the "
        "antivirus quarantine or add an exception there."
    ),
)

DDE = Answer(
    N_(
        'IBKR: "The ddedll.dll file required for Excel Integration is missing or out of date" appears when TWS '
        "runs in a 64-bit Java and loads ddedll.dll, which is 32-bit. The legacy DDE link to Excel needs a 32-bit "
        "TWS on Windows."
    ),
    N_(
        "Install the 32-bit TWS (or a 32-bit Java for it) as IBKR's article describes. netcheck run --local-only "
        "shows whether the installed TWS runs a 32-bit or 64-bit Java."
    ),
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "offline-or-auto",
        N_("Which TWS do I have: offline or auto-updating, and which version?"),
        OFFLINE_OR_AUTO,
        "install",
        (src.IBC_SCRIPTS, src.HOSTS_AND_PORTS, src.NINJA_FAQ),
    ),
    Topic("update-failed", N_('"Update failed"'), UPDATE_FAILED, "install", (src.HOSTS_AND_PORTS, src.INSTALL_ALERTS)),
    Topic(
        "installer-cannot-write",
        N_('The installer "cannot write a file", or TWS does not save its settings'),
        CANNOT_WRITE,
        "install",
        (src.INSTALL_ALERTS,),
    ),
    Topic(
        "signature-invalid",
        N_('"The signature of the file is corrupt or invalid"'),
        SIGNATURE,
        "install",
        (src.INSTALL_ALERTS,),
    ),
    Topic(
        "mac-installer-damaged",
        N_('macOS: the installer "is damaged and can\'t be opened" (Gatekeeper)'),
        MAC_DAMAGED,
        "install",
        (src.GATEKEEPER, src.INSTALL_ALERTS),
    ),
    Topic(
        "antivirus-alert",
        N_("An antivirus program warns while TWS installs or updates"),
        ANTIVIRUS,
        "install",
        (src.INSTALL_ALERTS,),
    ),
    Topic(
        "dde-ddedll",
        N_('"The ddedll.dll file required for Excel Integration is missing or out of date" (64-bit TWS)'),
        DDE,
        "install",
        (src.DDEDLL, src.LEGACY_DDE),
    ),
)

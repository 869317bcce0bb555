"""The dossier of an export declaration and the licence application sheet
of a sale or contract, written to a folder: the PDF (drawn by the caller's
``render_pdf(report, path) -> pages``, so that nothing here needs Qt), the
same tables as an xlsx and, for the dossier, the statement of performance
and use as text and a zip of all of it with every attachment of the chain,
each named by what it is.  Every file is written aside and renamed into
place: no half file under a real name.  An unknown declaration, sale or
contract is refused with a ``reports.ReportError`` naming it."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..reports.dossier_parts import AttachedFile, Missing
    from ..reports.model import Report
    from ..storage.db import Database

RenderPdf = Callable[["Report", Path], int]


@dataclass(frozen=True)
class DossierResult:
    """What ``write_dossier`` wrote, what the dossier lacks and how many
    attachments went into the zip."""

    pdf: Path
    xlsx: Path
    zip: Path
    statement: Path
    pages: int
    missing: list[Missing] = field(default_factory=list)
    attachments: int = 0


@dataclass(frozen=True)
class SheetResult:
    """What ``write_licence_sheet`` wrote; ``ticks``: each required
    attachment (zh, en) and whether one is kept."""

    pdf: Path
    xlsx: Path
    pages: int
    ticks: list[tuple[str, str, bool]] = field(default_factory=list)


def chain_attachments(db: Database, refs) -> list[tuple[AttachedFile, Path | None]]:
    """The attachments kept with these records (entity, id) and the path of
    each one's file (None: missing from the store).  The one place that
    reads attachments for the dossier and the sheet."""
    from ..reports.dossier_parts import AttachedFile
    from .attachments import attachment_file, attachments_for

    out = []
    for a in attachments_for(db, refs):
        path = attachment_file(db, a)
        out.append((AttachedFile.of(a, path is not None), path))
    return out


def draft_statement(db: Database, decl_no: str, lang: str = "zh") -> str:
    """The statement of performance and use of declaration ``decl_no``
    drafted from the product data, for the clerk to edit."""
    from ..reports.dossier import draft_statement as draft

    return draft(db, decl_no, lang)


def dossier_report(db: Database, decl_no: str, *, statement: str | None = None,
                   now: datetime | None = None) -> Report:
    """The dossier of ``decl_no`` as a printable report, with its attachments."""
    from ..reports.dossier import dossier_report as build
    from ..reports.dossier import load_chain

    chain = load_chain(db, decl_no)
    atts = [a for a, _ in chain_attachments(db, chain.refs())]
    return build(db, decl_no, statement=statement, now=now, chain=chain, attachments=atts)


def write_dossier(db: Database, decl_no: str, out_dir: Path, *, render_pdf: RenderPdf,
                  statement: str | None = None, now: datetime | None = None) -> DossierResult:
    """Write the dossier of ``decl_no`` into ``out_dir``: PDF, xlsx, the
    statement as .txt and a zip of these with every attachment of the chain."""
    from ..reports.dossier import dossier_report as build
    from ..reports.dossier import draft_statement as draft
    from ..reports.dossier import load_chain
    from ..reports.dossier_parts import missing_pieces

    chain = load_chain(db, decl_no)
    files = chain_attachments(db, chain.refs())
    atts = [a for a, _ in files]
    text = statement if statement is not None else draft(db, decl_no, chain=chain)
    report = build(db, decl_no, statement=text, now=now, chain=chain, attachments=atts)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"报关单资料_{_safe(chain.lines[0].customs_decl_no)}"
    pdf, pages = _pdf(report, out_dir / f"{stem}.pdf", render_pdf)
    xlsx = _xlsx(report, out_dir / f"{stem}.xlsx")
    txt = _aside(out_dir / f"性能及用途说明_{_safe(chain.lines[0].customs_decl_no)}.txt",
                 lambda p: p.write_text(text.rstrip() + "\n", encoding="utf-8"))
    from ..reports.dossier import decisions

    missing = missing_pieces(chain, atts, decisions(chain, chain.lines[0].decl_date))
    members = _members(chain, files)
    archive = _aside(out_dir / f"{stem}.zip",
                     lambda p: _zip(p, [(pdf.name, pdf), (xlsx.name, xlsx), (txt.name, txt),
                                        *members]))
    return DossierResult(pdf, xlsx, archive, txt, pages, missing, len(members))


def licence_sheet_report(db: Database, *, sale: str | None = None, contract: str | None = None,
                         now: datetime | None = None) -> Report:
    """The licence application sheet of ``sale`` or of ``contract``."""
    from ..reports.licence_sheet import licence_sheet_report as build
    from ..reports.licence_sheet import load_sales

    chain = load_sales(db, sale, contract)
    atts = [a for a, _ in chain_attachments(db, chain.refs())]
    return build(db, sale=sale, contract=contract, now=now, chain=chain, attachments=atts)


def write_licence_sheet(db: Database, out_dir: Path, *, render_pdf: RenderPdf,
                        sale: str | None = None, contract: str | None = None,
                        now: datetime | None = None) -> SheetResult:
    """Write the licence application sheet of ``sale`` or ``contract`` into
    ``out_dir`` as a PDF and an xlsx."""
    from ..reports.licence_sheet import NEEDED, TICK

    report = licence_sheet_report(db, sale=sale, contract=contract, now=now)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"许可申请资料_{_safe(contract or sale)}"
    pdf, pages = _pdf(report, out_dir / f"{stem}.pdf", render_pdf)
    xlsx = _xlsx(report, out_dir / f"{stem}.xlsx")
    ticks = [(r.cells[2], r.cells[3], r.cells[0] == TICK) for r in report.table(NEEDED).rows]
    return SheetResult(pdf, xlsx, pages, ticks)


def _safe(name: str) -> str:
    """A name fit for a file name on Windows too."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "_"


def _aside(path: Path, write: Callable[[Path], object]) -> Path:
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _pdf(report: Report, path: Path, render_pdf: RenderPdf) -> tuple[Path, int]:
    pages: list[int] = []
    _aside(path, lambda p: pages.append(render_pdf(report, p)))
    return path, pages[0]


def _xlsx(report: Report, path: Path) -> Path:
    from ..reports.workbook import write_workbook

    return _aside(path, lambda p: write_workbook(report, p))


def _members(chain, files) -> list[tuple[str, Path]]:
    """Each attachment's file once (by content), named 附件/NN_<what>_<whose>_<name>."""
    from ..reports.dossier import owner_label
    from ..reports.dossier_parts import KIND_LABELS

    out, seen = [], set()
    for a, path in files:
        if path is None or a.sha256 in seen:
            continue
        seen.add(a.sha256)
        what = KIND_LABELS.get(a.kind, (a.kind, a.kind))[0]
        name = f"附件/{len(out) + 1:02d}_{what}_{_safe(owner_label(chain, a))}_{_safe(a.name)}"
        out.append((name, Path(path)))
    return out


def _zip(path: Path, members: list[tuple[str, Path]]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, source in members:
            z.write(source, name)

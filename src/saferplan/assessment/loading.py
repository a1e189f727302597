"""Load police.uk street-level files into the crime store.

Takes archive zips (``YYYY-MM/YYYY-MM-<force>-street.csv`` inside), loose monthly
street CSVs, or folders of either.  Every header is checked before anything is
written, so a wrong file refuses the whole load.  Files are then loaded in batches of
about 400 MB (``_batches``): each batch's files replace what the store held for those
force-months in one DuckDB statement and transaction, and Django records where each
came from and when.  Archive members are extracted to a temporary folder (DuckDB's
core cannot read zips) while the previous batch loads.
"""

from __future__ import annotations

import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from isal import isal_zlib
from tqdm import tqdm

from saferplan.assessment.models import CrimeLoad, ForceMonth
from saferplan.assessment.store import HEADER, CsvFile, FileResult, Store

_STREET = re.compile(r"(?:^|/)(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9-]+?)-street\.csv$")
BATCH_BYTES = 400 * 1024 * 1024
FIRST_BATCH_BYTES = 40 * 1024 * 1024


class LoadError(Exception):
    """Input that cannot be loaded; the one-line message names the file."""


@dataclass(frozen=True)
class Source:
    label: str  # what people see: "archive.zip:2025-01/2025-01-kent-street.csv"
    force: str
    month: date
    size: int
    path: Path  # the CSV, or the zip holding it
    member: str | None = None


@dataclass
class LoadReport:
    files: list[tuple[Source, FileResult]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(r.rows for _, r in self.files)

    @property
    def bad_rows(self) -> int:
        return sum(r.bad_rows for _, r in self.files)

    def lines(self) -> list[str]:
        out = [
            f"Loaded {len(self.files)} force-months: {self.rows:,} rows, "
            f"{self.bad_rows:,} bad rows skipped."
        ]
        for source, result in self.files:
            if result.bad_rows:
                examples = "; ".join(result.examples or [])
                out.append(f"  {source.label}: {result.bad_rows:,} bad rows, e.g. {examples}")
        if self.ignored:
            out.append(f"  {len(self.ignored)} other files ignored (not street-level CSVs)")
        out += [f"  {d}" for d in self.duplicates]
        return out


def _month(text: str) -> date:
    return date(int(text[:4]), int(text[5:7]), 1)


def find_sources(paths: Iterable[str | Path]) -> tuple[list[Source], list[str]]:
    """Every street-level CSV in ``paths``; also the names of files that are not."""
    sources: list[Source] = []
    ignored: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for inner in sorted(path.rglob("*")):
                suffix = inner.suffix.lower()
                if suffix == ".zip":
                    sources += _zip_sources(inner, ignored)
                elif suffix == ".csv" and _STREET.search(inner.name):
                    sources.append(_csv_source(inner))
                elif inner.is_file():
                    ignored.append(str(inner))
        elif not path.is_file():
            raise LoadError(f"{path}: no such file or folder")
        elif path.suffix.lower() == ".zip":
            sources += _zip_sources(path, ignored)
        elif path.suffix.lower() == ".csv":
            sources.append(_csv_source(path))
        else:
            raise LoadError(f"{path}: not a police.uk zip or street-level CSV")
    return sources, ignored


def _csv_source(path: Path) -> Source:
    match = _STREET.search(path.name)
    if not match:
        raise LoadError(
            f"{path}: not named like a police.uk street file (YYYY-MM-<force>-street.csv)"
        )
    return Source(str(path), match["force"], _month(match["month"]), path.stat().st_size, path)


def _zip_sources(path: Path, ignored: list[str]) -> list[Source]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise LoadError(f"{path}: not a readable zip archive ({error})") from None
    found = []
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            match = _STREET.search(info.filename)
            if not match:
                ignored.append(f"{path.name}:{info.filename}")
                continue
            found.append(
                Source(
                    f"{path.name}:{info.filename}",
                    match["force"],
                    _month(match["month"]),
                    info.file_size,
                    path,
                    info.filename,
                )
            )
    return found


def _first_line(source: Source) -> bytes:
    if source.member is None:
        with source.path.open("rb") as handle:
            return handle.readline(4096)
    with zipfile.ZipFile(source.path) as archive, archive.open(source.member) as handle:
        return handle.readline(4096)


# What a damaged file or zip raises when read (a bad checksum, a cut-off or corrupt stream).
_UNREADABLE = (
    OSError,
    zipfile.BadZipFile,
    RuntimeError,
    EOFError,
    zlib.error,
    isal_zlib.IsalError,
)


def check_headers(sources: Sequence[Source]) -> None:
    for source in sources:
        try:
            line = _first_line(source)
        except _UNREADABLE as error:
            raise LoadError(f"{source.label}: cannot be read ({error})") from None
        header = line.decode("utf-8-sig", errors="replace").strip()
        if header != HEADER:
            shown = header if len(header) < 80 else header[:77] + "..."
            raise LoadError(
                f"{source.label}: wrong header, not a police.uk street-level file "
                f"(expected {HEADER.split(',')[0]},{HEADER.split(',')[1]},...; found {shown!r})"
            )


def _dedupe(sources: list[Source]) -> tuple[list[Source], list[str]]:
    latest: dict[tuple[str, date], Source] = {}
    notes = []
    for source in sources:
        key = (source.force, source.month)
        if key in latest:
            notes.append(f"{source.force} {source.month:%Y-%m} given twice: {source.label} used")
        latest[key] = source
    return sorted(latest.values(), key=lambda s: (s.month, s.force)), notes


def _batches(sources: list[Source]) -> list[list[Source]]:
    """Files in month order, about BATCH_BYTES of CSV a batch (several months of a
    national load, every month of a county's): each batch is one INSERT over all its
    files, read in parallel by DuckDB, and one transaction.  Fewer, larger statements
    cost less: the summaries join each batch to the street points once.

    The first batches are smaller (FIRST_BATCH_BYTES, then three times the one
    before): nothing else runs while the first is extracted, and each later batch is
    extracted while the one before it loads, which takes about three times as long.
    On 4 months of national data this took the wait for the first extraction from
    2.3 s to 0.3-0.4 s."""
    batches: list[list[Source]] = []
    size = 0
    for source in sources:
        limit = min(BATCH_BYTES, FIRST_BATCH_BYTES * 3 ** (len(batches) - 1))
        if not batches or size > limit:
            batches.append([])
            size = 0
        batches[-1].append(source)
        size += source.size
    return batches


def _extract(batch: list[Source], folder: Path) -> list[CsvFile]:
    """Put each file at folder/sp_force=<force>/sp_month=<YYYY-MM-01>/: extracted or linked."""
    files = []
    archives: dict[Path, zipfile.ZipFile] = {}
    try:
        for source in batch:
            target_dir = folder / f"sp_force={source.force}" / f"sp_month={source.month:%Y-%m-%d}"
            target_dir.mkdir(parents=True)
            target = target_dir / "street.csv"
            if source.member is None:
                target.symlink_to(source.path.resolve())
            else:
                try:
                    if source.path not in archives:
                        archives[source.path] = zipfile.ZipFile(source.path)
                    _unzip(archives[source.path], source.member, target)
                except _UNREADABLE as error:
                    raise LoadError(f"{source.label}: cannot be read ({error})") from None
            files.append(CsvFile(str(target), source.force, source.month))
    finally:
        for archive in archives.values():
            archive.close()
    return files


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name and extra field lengths


def _unzip(archive: zipfile.ZipFile, member: str, target: Path) -> None:
    """Write ``member`` of ``archive`` to ``target``, checking its size and CRC.

    Deflated members (every police.uk archive's) are inflated with ISA-L, about twice
    as fast as the zlib that ``zipfile`` uses (1.1 against 0.5 GB/s here): on a
    national load, decompression runs beside DuckDB on the same two cores.  Anything
    else (stored, another method, encrypted) goes through ``zipfile``.
    """
    info = archive.getinfo(member)
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
        with archive.open(info) as handle, target.open("wb") as out:
            shutil.copyfileobj(handle, out, 1 << 20)
        return
    with open(archive.filename, "rb") as handle, target.open("wb") as out:
        handle.seek(info.header_offset)
        signature, name_length, extra_length = _LOCAL_HEADER.unpack(handle.read(_LOCAL_HEADER.size))
        if signature != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local header for {member}")
        handle.seek(name_length + extra_length, 1)
        inflate = isal_zlib.decompressobj(-zlib.MAX_WBITS)  # a raw deflate stream
        left, crc, size = info.compress_size, 0, 0
        while left:
            chunk = handle.read(min(left, 1 << 20))
            if not chunk:
                raise EOFError(f"{member} is cut off")
            left -= len(chunk)
            data = inflate.decompress(chunk)
            out.write(data)
            crc, size = isal_zlib.crc32(data, crc), size + len(data)
        data = inflate.flush()
        if not inflate.eof:
            raise EOFError(f"{member} is cut off")
        out.write(data)
        crc, size = isal_zlib.crc32(data, crc), size + len(data)
    if size != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(f"bad CRC-32 or size for {member}")


def _scratch() -> str | None:
    """Where archive members are extracted: memory (/dev/shm) when there is room.

    Each month's files exist only while that month loads; /dev/shm avoids the cost
    of creating and removing thousands of small folders on disk.
    """
    shm = Path("/dev/shm")  # noqa: S108 - a private temporary folder is made inside it
    try:
        if shm.is_dir() and shutil.disk_usage(shm).free > 4 * BATCH_BYTES:
            return str(shm)
    except OSError:
        pass
    return None


Progress = Callable[[int, int], None]


def load(
    paths: Sequence[str | Path],
    store: Store,
    *,
    record: CrimeLoad | None = None,
    progress_bar: bool = True,
    on_progress: Progress | None = None,
) -> LoadReport:
    """Load ``paths`` into ``store``; raises LoadError before writing if any file is wrong."""
    sources, ignored = find_sources(paths)
    if not sources:
        raise LoadError(f"{', '.join(map(str, paths))}: no police.uk street-level files found")
    check_headers(sources)
    sources, duplicates = _dedupe(sources)
    report = LoadReport(ignored=ignored, duplicates=duplicates)
    batches = _batches(sources)
    total = sum(s.size for s in sources)
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="Loading", disable=not progress_bar)
    with (
        tempfile.TemporaryDirectory(prefix="saferplan-crime-", dir=_scratch()) as tmp,
        ThreadPoolExecutor(1) as pool,
        store.loader() as load_batch,
    ):
        folders = [Path(tmp, str(i)) for i in range(len(batches))]
        for folder in folders:
            folder.mkdir()
        pending = pool.submit(_extract, batches[0], folders[0])
        for index, batch in enumerate(batches):
            files = pending.result()
            if index + 1 < len(batches):  # extract the next month while this one loads
                pending = pool.submit(_extract, batches[index + 1], folders[index + 1])
            results = load_batch(files)
            _record(batch, results, record)
            report.files += list(zip(batch, results, strict=True))
            shutil.rmtree(folders[index], ignore_errors=True)
            bar.update(sum(s.size for s in batch))
            if on_progress:
                on_progress(len(report.files), len(sources))
    bar.close()
    return report


def _record(batch: list[Source], results: list[FileResult], record: CrimeLoad | None) -> None:
    """Replace the batch's ForceMonth rows in one statement each (not one per file)."""
    now = timezone.now()
    months = {s.month for s in batch}
    forces = {s.force for s in batch}
    with transaction.atomic():
        ForceMonth.objects.filter(month__in=months, force__in=forces).filter(
            pk__in=[
                fm.pk
                for fm in ForceMonth.objects.filter(month__in=months, force__in=forces)
                if (fm.force, fm.month) in {(s.force, s.month) for s in batch}
            ]
        ).delete()
        ForceMonth.objects.bulk_create(
            ForceMonth(
                force=source.force,
                month=source.month,
                rows=result.rows,
                bad_rows=result.bad_rows,
                bad_examples=(result.examples or [])[:5],
                source=source.label[:500],
                load=record,
                loaded_at=now,
            )
            for source, result in zip(batch, results, strict=True)
        )

"""Atomic writes: the old copy survives any interruption.

Every writer of the library goes through one of the two context managers
here, by one rule:

* the missing parent folders of the target are created;
* the data is written to a temporary file or folder *beside* the target
  (same folder, so the same file system), flushed to disk with ``fsync``;
* only then is it moved onto the target in one step (``os.replace`` for a
  file; for a folder an atomic exchange of the two folders where the system
  offers it, Linux' ``renameat2(RENAME_EXCHANGE)``);
* the writer returns the path it wrote: **the file** for one-file formats
  (JSON, Excel, GraphML, GEXF, HTML), **the folder** for folder formats
  (CSV, data package, Parquet, HSDS).

A process killed at any point therefore leaves either the old copy or the
new complete one, never a mixture. If the write fails, the temporary copy is
removed and the error is raised; the target is untouched. A crash can leave
a hidden ``.<name>.<random>.tmp`` entry beside the target; it is never read.

A folder format owns only its own files: other entries in an existing target
folder (a ``README``, notes) are carried over into the new folder (hard
linked where possible, else copied).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["atomic_file", "atomic_folder", "written_path"]

PathLike = str | os.PathLike[str]


def written_path(path: PathLike) -> Path:
    """What a writer returns: the path it was given, as a :class:`pathlib.Path`.

    Examples
    --------
    >>> from sociale_kaart.io.atomic import written_path
    >>> written_path("out/kaart.json").as_posix()
    'out/kaart.json'
    """
    return Path(path)


def _target(path: PathLike) -> Path:
    """The absolute target, with symlinks resolved (replace the file, not the link)."""
    out = Path(path).expanduser()
    if out.is_symlink():
        out = out.resolve()
    return Path(os.path.abspath(out))


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def _fsync_path(path: Path) -> None:
    """Flush a file, or a folder's entries, to disk (where the system allows it)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:  # pragma: no cover - e.g. folders on Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems without fsync on folders
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


@contextlib.contextmanager
def atomic_file(path: PathLike) -> Iterator[Path]:
    """Write one file atomically: yield a temporary path, then replace the target with it.

    Parameters
    ----------
    path : str or path-like
        The file to write. Its missing parent folders are created.

    Yields
    ------
    pathlib.Path
        A fresh, empty temporary file beside the target: write to it by
        name (``open``, ``workbook.save``, ``nx.write_graphml`` ...).

    Raises
    ------
    IsADirectoryError
        If the target is a folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sociale_kaart.io.atomic import atomic_file
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "new" / "kaart.txt"
    >>> with atomic_file(target) as tmp:
    ...     _ = tmp.write_text("complete", encoding="utf-8")
    >>> target.read_text(encoding="utf-8")
    'complete'
    >>> try:
    ...     with atomic_file(target) as tmp:
    ...         _ = tmp.write_text("half", encoding="utf-8")
    ...         raise RuntimeError("killed")
    ... except RuntimeError:
    ...     pass
    >>> target.read_text(encoding="utf-8"), sorted(p.name for p in target.parent.iterdir())
    ('complete', ['kaart.txt'])
    """
    target = _target(path)
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder: give the path of the file to write")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    os.close(fd)
    try:
        if target.exists():
            with contextlib.suppress(OSError):
                shutil.copymode(target, tmp)
        yield tmp
        _fsync_path(tmp)
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    _fsync_path(target.parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):  # pragma: no cover
        return False
    raise OSError(code, os.strerror(code), str(b))  # pragma: no cover


def _carry(entry: Path, into: Path) -> None:
    """Hard-link (or copy) an entry of the old folder into the new one."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    if entry.is_dir() and not entry.is_symlink():
        shutil.copytree(entry, into / entry.name, symlinks=True, copy_function=link)
    elif entry.is_symlink():
        os.symlink(os.readlink(entry), into / entry.name)
    else:
        link(str(entry), str(into / entry.name))


@contextlib.contextmanager
def atomic_folder(path: PathLike, *, owns: Callable[[str], bool]) -> Iterator[Path]:
    """Write a folder atomically: yield a temporary folder, then swap it onto the target.

    Parameters
    ----------
    path : str or path-like
        The folder to write. Its missing parent folders are created.
    owns : callable
        Given an entry name of an existing target folder, whether the
        format owns it. Owned entries are replaced by what the writer
        writes (or dropped); the others are carried over unchanged.

    Yields
    ------
    pathlib.Path
        A fresh, empty temporary folder beside the target.

    Raises
    ------
    NotADirectoryError
        If the target exists and is a file.

    Notes
    -----
    On Linux the two folders are exchanged in one system call, so the
    target always holds a complete map, old or new. Elsewhere the old
    folder is first renamed aside, then the new one moved in: for that
    instant the old copy is under its hidden temporary name.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sociale_kaart.io.atomic import atomic_folder
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "kaart"
    >>> target.mkdir()
    >>> _ = (target / "old.csv").write_text("old", encoding="utf-8")
    >>> _ = (target / "README.md").write_text("notes", encoding="utf-8")
    >>> with atomic_folder(target, owns=lambda name: name.endswith(".csv")) as tmp:
    ...     _ = (tmp / "new.csv").write_text("new", encoding="utf-8")
    >>> sorted(p.name for p in target.iterdir())
    ['README.md', 'new.csv']
    """
    target = _target(path)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} is a file: give the path of a folder to write")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target)
    tmp.mkdir(0o777)  # the umask applies
    try:
        if target.exists():
            with contextlib.suppress(OSError):
                shutil.copymode(target, tmp)
        yield tmp
        written = {entry.name for entry in tmp.iterdir()}
        if target.exists():
            for entry in sorted(target.iterdir()):
                if entry.name not in written and not owns(entry.name):
                    _carry(entry, tmp)
        for entry in tmp.rglob("*"):
            if entry.is_file() and not entry.is_symlink():
                _fsync_path(entry)
        _fsync_path(tmp)
    except BaseException:
        _remove(tmp)
        raise
    cwd = _cwd()
    if not target.exists():
        os.rename(tmp, target)
    elif _exchange(tmp, target):
        _remove(tmp)  # now the old copy
    else:  # pragma: no cover - systems without an atomic exchange
        old = _temp_name(target)
        os.rename(target, old)
        os.rename(tmp, target)
        _remove(old)
    _fsync_path(target.parent)
    if cwd is not None and (cwd == target or target in cwd.parents):
        # the process stood in the old folder: stand at the same place in the new one
        with contextlib.suppress(OSError):
            os.chdir(cwd)


def _cwd() -> Path | None:
    try:
        return Path.cwd()
    except OSError:  # pragma: no cover - the cwd was removed
        return None

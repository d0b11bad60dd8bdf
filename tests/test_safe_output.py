"""kg.safe_output: what every command that writes a file does with devices, FIFOs, `-`, symlinks,
planted temporary names and full disks."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from kg.safe_output import OutputError, open_output, write_output


def test_new_and_existing_regular_files_are_replaced_whole(tmp_path):
    target = tmp_path / "sub" / "out.json"
    assert write_output(target, "một\n") == len("một\n".encode())
    assert target.read_text("utf-8") == "một\n"
    os.chmod(target, 0o640)
    write_output(target, b"hai")
    assert target.read_bytes() == b"hai" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.json"]  # no temporary left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), open_output(target) as handle:
        handle.write("half")
        raise RuntimeError("the writer failed")
    assert target.read_text("utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_planted_partial_symlink_is_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", "utf-8")
    pub = tmp_path / "pub"
    pub.mkdir()
    for name in ("out.json.partial", ".out.json.tmp", "out.json.tmp"):
        (pub / name).symlink_to(victim)
    write_output(pub / "out.json", "{}")
    assert victim.read_text("utf-8") == "precious"
    assert (pub / "out.json").read_text("utf-8") == "{}" and not (pub / "out.json").is_symlink()


def test_a_symlink_is_written_through_and_stays_a_symlink(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text("utf-8") == "new"


def test_a_fifo_is_written_directly_not_replaced(tmp_path):
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, "dữ liệu")
    reader.join(10)
    assert received == ["dữ liệu".encode()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_dev_full_is_a_one_line_disk_full_error_and_stays_a_device():
    with pytest.raises(OutputError, match="no space left") as error:
        write_output("/dev/full", "x" * 100_000)
    assert "\n" not in str(error.value)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dash_is_standard_output(capfd):
    write_output("-", "to stdout\n")
    assert capfd.readouterr().out == "to stdout\n"
    assert not Path("-").exists()


@pytest.mark.parametrize("name", ["", "a\0b"])
def test_empty_or_nul_names_are_refused(name):
    with pytest.raises(OutputError):
        write_output(name, "x")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(OutputError, match="folder"):
        write_output(tmp_path, "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_folder_is_a_permission_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission"):
            write_output(folder / "out.txt", "x")
    finally:
        folder.chmod(0o700)


# ------------------------------------------------------------------------ through the commands


@pytest.mark.parametrize(
    "args",
    [
        ["export", "json", "-o", "{out}"],
        ["export", "graphml", "-o", "{out}"],
        ["query", "--list", "--output", "{out}"],
        ["template", "twinnings", "-o", "{out}", "--force"],
    ],
)
def test_commands_write_through_symlinks_and_ignore_planted_temporaries(kg_home, run_kg, tmp_path, args):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", "utf-8")
    real = tmp_path / "real.out"
    real.write_text("old", "utf-8")
    link = tmp_path / "out"
    link.symlink_to(real)
    (tmp_path / "out.partial").symlink_to(victim)
    result = run_kg(*[a.format(out=link) for a in args])
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and real.read_text("utf-8") != "old"
    assert victim.read_text("utf-8") == "precious"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize(
    "args", [["export", "json", "-o", "/dev/full"], ["query", "--list", "-o", "/dev/full"], ["dump", "-o", "/dev/full"]]
)
def test_commands_to_dev_full_fail_in_one_line(kg_home, run_kg, args):
    result = run_kg(*args)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "no space left" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_export_to_dash_writes_stdout_not_a_file(kg_home, run_kg, tmp_path):
    result = run_kg("export", "json", "-o", "-")
    assert result.returncode == 0 and result.stdout.lstrip().startswith("{"), result.stderr
    assert not (Path(__file__).resolve().parent.parent / "-").exists()


@pytest.mark.parametrize(
    "args", [["validate", "{src}", "-o", "{tmp}"], ["query", "--list", "-o", ""], ["export", "json", "-o", "{tmp}"]]
)
def test_folder_or_empty_output_is_one_line_exit_2(kg_home, run_kg, tmp_path, args):
    src = Path(__file__).parent / "contributions" / "valid"
    src = next(p for p in sorted(src.iterdir()) if p.suffix == ".ttl")
    result = run_kg(*[a.format(src=src, tmp=tmp_path) for a in args])
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr

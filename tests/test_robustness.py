"""Nothing lost, nothing hangs: symlink loops, paths that cannot be written, file modes, Ctrl-C with
workers, clear messages, and an installed package that carries its data files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import sysconfig
import time
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_10514d14d83ccc4e.txt"


def claimex(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimex", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600, **kwargs)


def test_the_installed_package_carries_every_data_file():
    shipped = resources.files("claimex") / "data"
    for path in (ROOT / "src" / "claimex" / "data").rglob("*"):
        if path.is_file():
            relative = path.relative_to(ROOT / "src" / "claimex" / "data")
            assert shipped.joinpath(*relative.parts).is_file(), f"missing from the package: data/{relative}"


def test_symlink_loops_in_a_folder_are_errors_and_the_rest_is_processed(tmp_path):
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    result = claimex("extract", str(tmp_path), "--format", "json", "--quiet", "--backend", "builtin")
    assert result.returncode == 1
    output = json.loads(result.stdout)
    assert [a["id"] for a in output["articles"]] == ["good"]
    assert {Path(e["path"]).name: e["message"] for e in output["errors"]} == {
        "a.txt": "symbolic link loop", "b.txt": "symbolic link loop", "self.txt": "symbolic link loop"}


def test_a_symlink_loop_named_on_the_command_line_says_so(tmp_path):
    os.symlink("loop.txt", tmp_path / "loop.txt")
    result = claimex("extract", str(tmp_path / "loop.txt"), "--quiet")
    assert result.returncode == 2 and "symbolic link loop" in result.stderr


@pytest.mark.parametrize("target", ["missing/out.json", "/proc/claimex-out.json", "/dev/full"])
def test_a_path_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, target):
    path = target if target.startswith("/") else str(tmp_path / target)
    result = claimex("extract", str(SEED), "--format", "json", "--quiet", "--backend", "builtin", "-o", path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert f"cannot write {path}" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_full_standard_output_is_one_line_and_exit_2():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "claimex", "extract", str(SEED), "--format", "json", "--quiet",
                                 "--backend", "builtin"], stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: cannot write to standard output: No space left on device"


def test_written_files_get_the_mode_of_a_plain_write(tmp_path):
    new = tmp_path / "new.json"
    claimex("extract", str(SEED), "-f", "json", "-q", "-b", "builtin", "-o", str(new), preexec_fn=lambda: os.umask(0o022))
    assert new.stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.json"
    kept.write_text("{}")
    kept.chmod(0o444)
    claimex("extract", str(SEED), "-f", "json", "-q", "-b", "builtin", "-o", str(kept))
    assert kept.stat().st_mode & 0o777 == 0o444 and kept.read_text() != "{}"


def test_ctrl_c_with_two_workers_is_one_line_and_exit_130(tmp_path):
    russian = (ROOT / "seeds" / "002_1e1a0fa32f340427.txt").read_text(encoding="utf-8")
    for n in range(1500):
        (tmp_path / f"a{n:04}.txt").write_text(russian, encoding="utf-8")
    out = tmp_path / "out.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "claimex", "extract", str(tmp_path), "-f", "json", "-w", "2", "-b", "builtin", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(6)  # the workers are up and analysing (1,500 articles take far longer)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.strip().splitlines()[-1] == "error: interrupted"
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out.json")]


def test_markup_in_messages_is_printed_as_written(capsys):
    from claimex.cli import fail

    fail("stanza is not installed: pip install 'claimex[stanza]'")
    assert "pip install 'claimex[stanza]'" in capsys.readouterr().err


def test_eval_with_the_gold_of_other_articles_is_one_clear_line():
    result = claimex("eval", "fixtures/gold/heldout.json", "seeds/", "--quiet", "--backend", "builtin")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "is this the gold of these articles?" in result.stderr


def test_a_runaway_article_is_stopped_by_the_time_budget_and_the_rest_processed(tmp_path):
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    words = "Президент Олександр Коваленко заявив що уряд Петро Шевченко підтримує план".split()
    (tmp_path / "long.txt").write_text(" ".join(words[k % len(words)] for k in range(200_000)), encoding="utf-8")
    result = claimex("extract", str(tmp_path), "-f", "json", "-q", "-b", "builtin", "--time-budget", "5")
    assert result.returncode == 1
    output = json.loads(result.stdout)
    assert {a["id"] for a in output["articles"]} == {"good", "long"}
    assert [e["message"] for e in output["errors"]] == ["analysis stopped after 5 s (--time-budget)"]
    assert next(a for a in output["articles"] if a["id"] == "good")["claims"]



def test_models_download_without_stanza_says_so_first():
    code = ("import sys; sys.modules['stanza'] = None; from claimex.cli import app; "
            "app(['models', 'download', '--dir', sys.argv[1]], prog_name='claimex')")
    result = subprocess.run([sys.executable, "-c", code, "/nonexistent/models"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: stanza is not installed: pip install 'claimex[stanza]'"


def test_the_built_wheel_gives_the_same_output_as_the_source(tmp_path):
    """The package as users install it: built into a wheel, installed into a fresh venv (its
    dependencies taken from this one), run on the seeds: the same JSON."""
    wheels = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels)],
                   check=True, capture_output=True, timeout=300)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    site = subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")  # after its own
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall",
                    *map(str, wheels.glob("claimex-*.whl"))], check=True, capture_output=True, timeout=300)
    command = ["-m", "claimex", "extract", str(ROOT / "seeds"), "-f", "json", "-q", "-b", "builtin"]
    installed = subprocess.run([str(venv / "bin" / "python"), *command], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import claimex; print(claimex.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert str(venv) in where.stdout  # the wheel's copy, not the source tree
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout == claimex(*command[2:]).stdout


def test_a_long_paragraph_is_scanned_for_quotations_once_not_once_per_sentence(monkeypatch):
    """Time on one-line text grew with the square of its size: each speech verb rescanned its whole
    paragraph up to its sentence for open quotations. Counted in characters scanned, not seconds."""
    from claimex.claims import quotes, rules
    from claimex.claims.extract import extract
    from claimex.nlp.builtin import get_builtin
    from claimex.reader import article_from_text

    scanned = []
    scan = quotes.quote_spans

    def counting(text, start=0, end=None):
        scanned.append((len(text) if end is None else end) - start)
        return scan(text, start, end)

    monkeypatch.setattr(quotes, "quote_spans", counting)
    monkeypatch.setattr(rules, "quote_spans", counting)
    text = " ".join(f"Петро Коваленко заявив, що за даними міністерства план {k} готовий." for k in range(300))
    doc = get_builtin("uk").annotate([article_from_text(text, "long")])[0]
    extract(doc)
    assert len(doc.sentences) > 20
    assert sum(scanned) < 4 * len(text)

"""The command line survives what users do: bad options, an unwritable --out, Ctrl-C, hanging or
foreign implementations, a clone without the course documents (CONTRACTS.md §2, §3)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from theorems import cli
from theorems.course import documents
from theorems.engine.model import jsonable
from theorems.report import writer

CLAIM = "perceptron.hyperplane_signed_distance"  # a quick SymPy claim with one printed variant


def strict_json(text: str) -> object:
    def reject(constant: str) -> None:
        raise ValueError(f"non-standard JSON constant {constant}")

    return json.loads(text, parse_constant=reject)


@pytest.mark.parametrize("option", [["--jobs", "0"], ["--jobs", "-3"], ["--timeout", "0"], ["--timeout", "-1"]])
def test_nonsense_numbers_are_usage_errors(option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run", "--claim", CLAIM, *option]) == 2
    assert "must be" in capsys.readouterr().err


def test_an_unwritable_out_is_refused_before_any_check_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(cli, "run", lambda *a, **k: pytest.fail("checks ran before --out was checked"))
    assert cli.main(["run", "--claim", CLAIM, "--out", str(blocker / "reports")]) == 2
    assert "cannot write the report" in capsys.readouterr().err


def test_ctrl_c_prints_one_line_and_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["run", "--claim", CLAIM, "--out", str(tmp_path), "--jobs", "1"]) == 0
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    capsys.readouterr()

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run", interrupted)
    assert cli.main(["run", "--claim", CLAIM, "--out", str(tmp_path)]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("theorems: interrupted") and not any("Traceback" in line for line in err)
    assert {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_failed_write_leaves_the_old_report_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "index.html"
    target.write_text("old report")

    def full_disk(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writer.os, "replace", full_disk)
    with pytest.raises(OSError, match="disk full"):
        writer.write_atomically(target, "new report")
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"], "no temporary file may be left behind"


def test_timeout_option_reaches_the_runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = {}

    def capture(variants: object, config: object, *_: object) -> list:
        seen["timeout"] = config.timeout  # type: ignore[attr-defined]
        return []

    monkeypatch.setattr(cli, "run", capture)
    cli.main(["run", "--claim", CLAIM, "--timeout", "7.5", "--out", str(tmp_path)])
    assert seen["timeout"] == 7.5


def test_results_json_is_strict_and_replayable_text(tmp_path: Path) -> None:
    assert jsonable({"x": [math.nan, math.inf, -math.inf, 1.5]}) == {"x": ["nan", "inf", "-inf", 1.5]}
    assert "0x" not in json.dumps(jsonable({"f": lambda x: x, "obj": object()}))
    assert cli.main(["run", "--claim", CLAIM, "--out", str(tmp_path), "--jobs", "1"]) == 0
    text = (tmp_path / "results.json").read_text()
    strict_json(text)
    assert " at 0x" not in text


def test_a_clone_without_the_documents_still_runs_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(documents.DOCS_ENV, raising=False)
    monkeypatch.setattr(documents, "DEFAULT_LOCATIONS", ())
    assert cli.main(["run", "--claim", CLAIM, "--out", str(tmp_path), "--jobs", "1"]) == 0
    assert "no course documents found" in capsys.readouterr().err
    document = strict_json((tmp_path / "results.json").read_text())
    assert document["quotes_verified"] is False  # type: ignore[index]
    assert "not verified" in (tmp_path / "index.html").read_text()


def test_a_missing_docs_folder_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(documents.DOCS_ENV, "/no/such/folder")
    assert cli.main(["run", "--claim", CLAIM]) == 2


def test_an_implementation_in_the_working_directory_can_be_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "my_perceptron.py").write_text(
        "from impls.perceptron import Perceptron\n\n\nclass Mine(Perceptron):\n    pass\n"
    )
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    status = cli.main(["run", "--impl", "perceptron=my_perceptron:Mine", "--claim", "perceptron.update_rule",
                       "--out", str(out), "--jobs", "1"])
    assert status == 0
    rows = json.loads((out / "results.json").read_text())["results"]
    assert [r["impl"] for r in rows if r["variant"] == "canonical"] == ["my_perceptron:Mine"]


def test_check_refuses_an_implementation_of_another_topic(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "perceptron", "--impl", "cover=impls.cover:Reference"]) == 2
    assert "names topic 'cover'" in capsys.readouterr().err


def test_topics_lists_every_topic_with_its_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["topics"]) == 0
    out = capsys.readouterr().out
    assert "perceptron" in out and "infotheory" in out and "willshaw" in out


def test_the_results_cache_serves_only_an_identical_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from theorems.engine import cache
    from theorems.engine.runner import configure, select

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    assert cli.main(["run", "--claim", CLAIM, "--out", str(tmp_path / "out"), "--jobs", "1", "--seed", "5"]) == 0
    keys = [v.key for v in select((), (CLAIM,))]
    reused = cache.load(configure("quick", 5, (), None, 1), keys)
    assert reused is not None and set(reused) == set(keys)
    assert cache.load(configure("quick", 6, (), None, 1), keys) is None, "another seed is another run"
    assert cache.load(configure("quick", 5, (), None, 1), keys[:1]) is None, "another selection is another run"

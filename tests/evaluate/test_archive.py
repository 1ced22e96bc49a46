"""Reading an evaluator's archive: every problem with the labels file is one clear sentence in bokmål."""

from __future__ import annotations

import argparse
import json

import pytest

from nlp_service.evaluate.evaluate_cli import register
from nlp_service.evaluate.runner import ArchiveError, gold_facts, read_archive


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "a.txt").write_text("Søknad om tilskudd.\n\nVi søker om midler.", encoding="utf-8")
    (folder / "b.txt").write_text("Søknad om tilskudd.\n\nEt annet prosjekt.", encoding="utf-8")
    return folder


def write_jsonl(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def test_a_good_archive_reads_with_its_labels(archive, tmp_path):
    labels = write_jsonl(tmp_path / "labels.jsonl", [
        {"file": "a.txt", "area": "2", "kind": "application", "split": "test", "egenandel": "gap"},
        {"file": "b.txt", "area": "", "split": "train"}])
    docs = read_archive(archive, labels)
    assert [(d.id, d.area, d.split) for d in docs] == [("a", "2", "test"), ("b", None, "train")]
    assert docs[0].checks == {"egenandel": "gap"}
    assert [d.id for d in read_archive(archive, labels, "test")] == ["a"]


def test_csv_labels_read_too(archive, tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text("file,area,participants,partners\na.txt,1,25,Nav; DPS\nb.txt,3,,\n", encoding="utf-8")
    docs = read_archive(archive, labels)
    assert [d.area for d in docs] == ["1", "3"]
    assert gold_facts(docs[0]) == {"participants": 25, "partners": ["Nav", "DPS"]}
    assert gold_facts(docs[1]) == {}


@pytest.mark.parametrize("rows, expected", [
    (['{"file": "a.txt", "area": "1"}', '{"file": "b.txt", "area": '], "Linje 2 i etikettfilen er ikke gyldig JSON."),
    ([{"area": "1"}], "Rad 1 i etikettfilen mangler feltet «file»"),
    ([{"file": "../../etc/passwd", "area": "1"}], "Rad 1 i etikettfilen peker på en fil utenfor datamappen."),
    ([{"file": "a.txt", "area": "7"}], "Rad 1 (a.txt): satsingsområdet «7» er ukjent"),
    ([{"file": "a.txt", "area": "1"}, {"file": "a.txt", "area": "2"}],
     "står mer enn én gang i etikettfilen (rad 1 og 2)"),
    (['["a.txt", "1"]'], "En linje i etikettfilen er ikke et JSON-objekt"),
    ([], "Etikettfilen har ingen dokumenter."),
])
def test_labels_file_errors_are_plain_bokmaal(archive, tmp_path, rows, expected):
    labels = write_jsonl(tmp_path / "labels.jsonl", rows)
    with pytest.raises(ArchiveError) as exc:
        read_archive(archive, labels)
    assert expected in str(exc.value)


def test_missing_folder_labels_wrong_type_and_encoding(archive, tmp_path):
    with pytest.raises(ArchiveError, match="Datamappen .* finnes ikke"):
        read_archive(tmp_path / "ingen", tmp_path / "labels.jsonl")
    with pytest.raises(ArchiveError, match="Etikettfilen .* finnes ikke"):
        read_archive(archive, tmp_path / "labels.jsonl")
    xlsx = tmp_path / "labels.xlsx"
    xlsx.write_bytes(b"PK\x03\x04")
    with pytest.raises(ArchiveError, match="må være en .csv- eller .jsonl-fil"):
        read_archive(archive, xlsx)
    latin = tmp_path / "labels.csv"
    latin.write_bytes("file,area\nsøknad.txt,1\n".encode("latin-1"))
    with pytest.raises(ArchiveError, match="ikke UTF-8"):
        read_archive(archive, latin)


def test_a_split_that_is_not_there_names_the_ones_that_are(archive, tmp_path):
    labels = write_jsonl(tmp_path / "labels.jsonl", [{"file": "a.txt", "area": "1", "split": "train"}])
    with pytest.raises(ArchiveError, match="Ingen dokumenter har split «test». Etikettfilen har: train."):
        read_archive(archive, labels, "test")
    labels = write_jsonl(tmp_path / "labels.jsonl", [{"file": "a.txt", "area": "1"}])
    with pytest.raises(ArchiveError, match="ingen split-kolonne"):
        read_archive(archive, labels, "test")


def test_a_listed_file_that_is_missing_is_not_an_archive_error(archive, tmp_path):
    labels = write_jsonl(tmp_path / "labels.jsonl",
                         [{"file": "a.txt", "area": "1"}, {"file": "borte.pdf", "area": "2"}])
    docs = read_archive(archive, labels)
    assert [d.path.exists() for d in docs] == [True, False]  # reported per document when evaluated


def test_fact_columns_must_be_numbers(archive, tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text("file,area,participants,duration_years\na.txt,1,mange,ingen\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match="Dokumentet a: «participants» må være et helt tall eller «ingen»"):
        read_archive(archive, labels)
    labels.write_text("file,area,participants,duration_years\na.txt,1,12,ingen\n", encoding="utf-8")
    assert gold_facts(read_archive(archive, labels)[0]) == {"participants": 12, "duration_years": None}


def run_command(*argv):
    parser = argparse.ArgumentParser(prog="nlp-service")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["evaluate", *argv])
    return args.func(args)


def test_command_usage_errors_exit_2_with_a_message(archive, tmp_path, capsys):
    assert run_command("--data", str(archive), "--out", str(tmp_path / "r")) == 2
    assert "--data og --labels må brukes sammen" in capsys.readouterr().err
    labels = write_jsonl(tmp_path / "labels.jsonl", [{"file": "a.txt", "area": "9"}])
    assert run_command("--data", str(archive), "--labels", str(labels), "--out", str(tmp_path / "r")) == 2
    err = capsys.readouterr().err
    assert "satsingsområdet «9» er ukjent" in err and "Traceback" not in err
    assert not (tmp_path / "r").exists()
    assert run_command("--data", str(archive), "--labels", str(labels), "--out", str(tmp_path / "r"),
                       "--workers", "0") == 2
    assert "--workers må være minst 1" in capsys.readouterr().err

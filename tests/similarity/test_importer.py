"""nlp-service projects import FILE: CSV or JSONL into the persistent index, with errors by line."""

from __future__ import annotations

import json

import pytest

from nlp_service.similarity.importer import ProjectImportError, import_projects, read_projects
from nlp_service.similarity.index import ProjectIndex

CSV_OK = """id;year;applicant;title;area;summary;kommentar
imp-001;2023;Narvik kommune;Språkpraksis i havna;1;"Deltakere i introduksjonsprogrammet hadde språkpraksis i havna; norsklæreren fulgte dem på arbeidsplassen.";fra arkivet
imp-002;2024;Bydel Grorud;Samtalegrupper for foreldre;2 – Tiltak som gir psykisk støtte;"Foreldregrupper med helsesykepleier og psykolog.
Gruppene møttes hver uke.";
"""


def _rows(*rows: dict) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"


GOOD = {"id": "imp-101", "year": 2022, "applicant": "Tromsø kommune", "title": "Digital kartlegging",
        "area": "1", "summary": "Et digitalt verktøy for kartlegging av kompetanse hos nyankomne."}


def test_import_csv_adds_to_the_persistent_index(tmp_path, index_dir, encoder, embed):
    path = tmp_path / "prosjekter.csv"
    path.write_text(CSV_OK, encoding="utf-8-sig")  # as a spreadsheet saves it: BOM, semicolons
    assert import_projects(path, index_dir, encoder=encoder) == 2
    index = ProjectIndex.load(index_dir)
    assert len(index) == 212
    p = index.get("imp-002")
    assert (p.year, p.applicant, p.area, p.source) == (2024, "Bydel Grorud", "2", "import")
    assert "hver uke" in p.summary
    hits = index.search(embed("Deltakerne hadde språkpraksis på kaia i havna, og norsklæreren var med dem på jobb."), k=3)
    assert "imp-001" in [h.id for h, _ in hits]


def test_import_jsonl_into_an_empty_data_folder_starts_from_the_corpus(tmp_path, encoder):
    path = tmp_path / "p.jsonl"
    path.write_text(_rows(GOOD, {**GOOD, "id": "imp-102", "area": "", "applicant_type": "kommune"}), encoding="utf-8")
    folder = tmp_path / "data" / "similarity"
    assert import_projects(path, folder, encoder=encoder) == 2
    index = ProjectIndex.load(folder)
    assert len(index) == 212 and index.get("imp-102").area is None
    assert index.get("imp-102").applicant_type == "kommune"


def _problems(tmp_path, name: str, content: str) -> list[tuple[int | None, str]]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectImportError) as info:
        read_projects(path)
    assert name in str(info.value) and "ingenting er lagt til" in str(info.value)
    return info.value.problems


def test_errors_name_the_line(tmp_path):
    problems = _problems(tmp_path, "p.jsonl", _rows(
        GOOD,
        {**GOOD, "id": "imp-2", "year": "i fjor"},
        {**GOOD, "id": "imp-3", "area": "7"},
        {k: v for k, v in GOOD.items() if k != "summary"} | {"id": "imp-4"},
        {**GOOD, "id": "imp-5", "title": "  "},
        GOOD,
        {**GOOD, "id": "imp-7", "year": 1850, "applicant_type": "forening"},
    ) + "{ikke json\n")
    by_line = {}
    for line, msg in problems:
        by_line.setdefault(line, []).append(msg)
    assert by_line[2] == ["«year» må være et årstall, ikke «i fjor»"]
    assert "satsingsområde 1-5" in by_line[3][0]
    assert by_line[4] == ["mangler feltet «summary»"]
    assert by_line[5] == ["feltet «title» er tomt"]
    assert by_line[6] == ["id «imp-101» står også på linje 1"]
    assert len(by_line[7]) == 2 and "1850" in by_line[7][0] and "forening" in by_line[7][1]
    assert "ugyldig JSON" in by_line[8][0]
    assert 1 not in by_line


def test_invalid_json_is_reported_by_line(tmp_path):
    problems = _problems(tmp_path, "p.jsonl", _rows(GOOD) + "\n" + '{"id": "x",\n' + "[1, 2]\n")
    assert [line for line, _ in problems] == [3, 4]
    assert "ugyldig JSON" in problems[0][1] and "JSON-objekt" in problems[1][1]


def test_csv_errors_name_the_line_as_an_editor_shows_it(tmp_path):
    content = ("id,year,applicant,title,area,summary\n"
               'a,2021,Bodø kommune,Tittel,1,"To linjer\nsammendrag"\n'
               "b,tjueen,Bodø kommune,Tittel,1,Sammendrag\n"
               "c,2021,Bodø kommune,Tittel,1,Sammendrag,en celle for mye\n")
    problems = _problems(tmp_path, "p.csv", content)
    assert [line for line, _ in problems] == [4, 5]
    assert "celler enn kolonner" in problems[1][1]
    header = _problems(tmp_path, "h.csv", "id,year,applicant,title\n1,2020,Bodø,Tittel\n")
    assert header[0][0] == 1 and "area, summary" in header[0][1]


def test_file_level_errors(tmp_path):
    assert "støttes ikke" in _problems(tmp_path, "p.xlsx", "x")[0][1]
    assert "ingen prosjekter" in _problems(tmp_path, "tom.jsonl", "\n\n")[0][1]
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("id,year,applicant,title,area,summary\n1,2020,Bodø,T,1,S\n".encode("latin-1"))
    with pytest.raises(ProjectImportError, match="linje 2: teksten er ikke UTF-8"):
        read_projects(bad)
    with pytest.raises(ProjectImportError, match="finnes ikke"):
        read_projects(tmp_path / "borte.csv")


def test_known_ids_stop_the_import_and_nothing_is_added(tmp_path, index_dir, encoder):
    path = tmp_path / "p.jsonl"
    path.write_text(_rows(GOOD, {**GOOD, "id": "ep-2019-001"}), encoding="utf-8")
    with pytest.raises(ProjectImportError) as info:
        import_projects(path, index_dir, encoder=encoder)
    assert info.value.problems == [(2, "id «ep-2019-001» finnes allerede i indeksen (bruk replace for å erstatte)")]
    assert len(ProjectIndex.load(index_dir)) == 210
    assert import_projects(path, index_dir, encoder=encoder, replace=True) == 2
    index = ProjectIndex.load(index_dir)
    assert len(index) == 211 and index.get("ep-2019-001").source == "import"

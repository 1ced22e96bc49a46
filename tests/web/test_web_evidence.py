"""Evidence sentences are found where they stand on the page, from the words the ingest reads."""

from __future__ import annotations

import pytest

from nlp_service.web.evidence import layout_of, locate, locate_on_page


@pytest.fixture(scope="module")
def layouts(sandbox, pdf_dir) -> dict:
    return {name: layout_of(sandbox.parse((pdf_dir / f"{name}.pdf").read_bytes()))
            for name in ("letter", "two_column", "form", "long_two_column")}


def _words_in(page: dict, box) -> str:
    """The words whose centres lie in the box (fractions of the page)."""
    x, y, w, h = box
    out = []
    for line in page["lines"]:
        for text, x0, top, x1, bottom in line:
            cx, cy = (x0 + x1) / 2 / page["width"], (top + bottom) / 2 / page["height"]
            if x <= cx <= x + w and y <= cy <= y + h:
                out.append(text)
    return " ".join(out)


@pytest.mark.parametrize("name", ["letter", "two_column", "form"])
def test_a_sentence_is_boxed_where_it_stands(layouts, name):
    sentence = "Tiltaket er støttende og forebyggende, ikke behandling."
    page, boxes = locate(layouts[name], 1, sentence)
    assert page == 1 and boxes
    marked = " ".join(_words_in(layouts[name]["pages"][0], b) for b in boxes)
    for word in ("Tiltaket", "støttende", "forebyggende", "behandling."):
        assert word in marked
    assert all(0 <= v <= 1 for b in boxes for v in b)


def test_a_sentence_over_two_lines_gets_a_box_per_line(layouts):
    sentence = ("Prosjektet skal gi nyankomne flyktninger i introduksjonsprogrammet psykisk støtte og en raskere "
                "vei til arbeid.")
    _, boxes = locate(layouts["two_column"], 1, sentence)
    assert len(boxes) >= 2
    assert boxes == sorted(boxes, key=lambda b: b[1])


def test_text_that_is_not_on_the_page_is_not_marked(layouts):
    coverage, boxes = locate_on_page(layouts["letter"]["pages"][0],
                                     "Fylkeskommunen vil etablere et regionalt velkomstsenter for arbeidsinnvandrere.")
    assert boxes == [] and coverage < 0.6


def test_a_sentence_is_found_on_the_next_page_when_the_stated_one_lacks_it(layouts):
    layout = layouts["long_two_column"]
    sentence = "Kommunen vil i del 24 prøve ut nye arbeidsmåter sammen med deltakerne og arbeidsgiverne."
    on = [n for n, p in enumerate(layout["pages"], start=1) if locate_on_page(p, sentence)[1]]
    assert on, "the sentence should be somewhere in the long document"
    page, boxes = locate(layout, max(on[0] - 1, 1), sentence)
    assert page == on[0] and boxes


def test_a_word_hyphenated_at_the_end_of_a_line_is_joined():
    page = {"width": 100.0, "height": 100.0, "lines": [
        [["Deltakerne", 10, 10, 30, 12], ["i", 31, 10, 32, 12], ["introduksjons-", 33, 10, 60, 12]],
        [["programmet", 10, 14, 30, 16], ["får", 31, 14, 35, 16], ["støtte.", 36, 14, 45, 16]],
        [["Kvalifiserings-", 10, 18, 30, 20], ["og", 31, 18, 33, 20], ["integreringstiltak", 34, 18, 60, 20]],
    ]}
    coverage, boxes = locate_on_page(page, "Deltakerne i introduksjonsprogrammet får støtte.")
    assert coverage == 1 and len(boxes) == 2
    coverage, boxes = locate_on_page(page, "Kvalifiserings- og integreringstiltak")
    assert coverage == 1 and len(boxes) == 1

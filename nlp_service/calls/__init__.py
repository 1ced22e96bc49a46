"""A call for proposals as data: its areas, who may apply, and the checks it sets, read from YAML.

A call (``tuki-2025.yaml`` is IMDi's 2025 call, circular 08-2025) is one YAML file; another year's
call, or another scheme, is another file and runs through the same :class:`~nlp_service.checks.engine.CheckEngine`.

File layout (all keys checked; unknown keys are an error, so that a typo never silently disables a rule)::

    id, year, name, circular, source       the call itself
    constants: {G: 130160, ...}             numbers the rules refer to by name
    terms: {health_actor: [DPS, ...]}       named word lists, used in patterns as ``@health_actor``
    areas: [{number, name, description, applicants, target_group}]
    checks: [{id, title, areas, kinds, rule, hints, mode, detectors, met_at, uncertain_at, applicable_if}]

Pattern language (one pattern is a sequence of token specs, matched within one sentence on the
lemma *and* the lower-cased form of each token, with spaCy's ``Matcher``):

    ``word``        the lemma or the form is ``word``          ``word*``  begins with ``word``
    ``*word``       ends with ``word`` (compound heads)         ``*word*`` contains ``word``
    ``a|b*|*c``     any of the alternatives                     ``@list``  any term of ``terms.list``
    ``#num``        a number (digits or a number word)          ``#pct``   ``%`` or ``prosent``
    ``#amount``     a sum of money (``kr``, ``NOK``, ``kroner``, ``,-``, ``mill.``)
    ``#applicant``  a word of the applicant's name ("Bergen" of "Bergen kommune")
    ``#name``       a capitalised word inside a sentence (a place or an organisation)
    ``~3``          up to three tokens of anything

A ``lemmas`` detector may also ask for a *link*: a word of the hit (one of the single-token specs in
``link``, e.g. ``@staff_role``) must recur, with the same lemma, in another sentence of the document that
matches ``link_in`` (e.g. a budget line with a sum), so that "the miljøterapeut who already does this
today" and a budget line "Miljøterapeut, 50 % stilling  300 000" are read together. Its opposite, *unlink*,
cancels a hit when every word of it matching ``unlink`` recurs in a signature or title line matching
``unlink_in``: a second signer with the project owner's own title is a peer, not a superior.
    ``/regex/``     the lower-cased form matches the regular expression (full match)

Besides ``lemmas``, ``semantic`` and ``fact`` detectors, two read a document's structure: ``accounts``
(booked income or expenses in a table or a sentence) and ``signers`` (the people named in an approval
part, their titles and ranks: the project owner and someone above the owner). ``signers`` takes regular
expressions, not the pattern language above; see :class:`SignersDetector`.

How a check decides (``mode``):

- ``require``: the check is *met* when the weights of the detectors that fire add up to
  ``met_at`` or more, *uncertain* from ``uncertain_at``, else a *gap*. Detectors with a negative
  weight (a vague or negated wording, "Egenandel: 0 kr") pull the score down.
- ``forbid``: the detectors look for a violation; the check is a *gap* when they add up to
  ``met_at`` or more, *uncertain* from ``uncertain_at``, else *met*.

A check whose ``applicable_if`` detectors are given and none fires is *not_applicable* (for
example the participant allowance when none is asked for); so is a check whose ``areas`` or
``kinds`` do not include the document's.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

__all__ = [
    "AccountsDetector", "AmountLimitDetector", "AreaDefinition", "CallDefinition", "CallError", "CheckDefinition", "Detector",
    "FactDetector", "Hints", "LemmaDetector", "SemanticDetector", "SignersDetector", "available_calls", "detector_patterns",
    "load_call",
]

DocumentKind = Literal["application", "status_report", "annual_report", "accounts", "other"]
ApplicantType = Literal["kommune", "fylkeskommune", "bydel", "other"]
FactField = Literal["applicant", "applicant_type", "participants", "own_contribution_nok", "requested_nok",
                    "duration_years", "partners"]
_TOKEN_SPEC = re.compile(r"^(~\d+|#num|#pct|#amount|#applicant|#name|/.+/|@[a-z_][a-z0-9_]*|[^\s~#@/][^\s]*)$")


class CallError(ValueError):
    """A call file that cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_patterns(patterns: list[str]) -> list[str]:
    for p in patterns:
        tokens = p.split()
        if not tokens:
            raise ValueError("a pattern is empty")
        for tok in tokens:
            if not _TOKEN_SPEC.match(tok):
                raise ValueError(f"pattern {p!r}: token {tok!r} is not a valid token spec")
            if tok.startswith("/"):
                try:
                    re.compile(tok[1:-1])
                except re.error as exc:
                    raise ValueError(f"pattern {p!r}: bad regular expression ({exc})") from None
        if tokens[0].startswith("~") or tokens[-1].startswith("~"):
            raise ValueError(f"pattern {p!r}: a gap (~N) cannot begin or end a pattern")
    return patterns


class _DetectorBase(_Strict):
    name: str | None = Field(default=None, description="A short name, shown in debugging output.")
    weight: float = Field(default=1.0, description="Added to the check's score when the detector fires; "
                                                     "negative for counter-evidence.")


class LemmaDetector(_DetectorBase):
    """Fires on a sentence that matches one of ``patterns`` and, if given, one of ``with`` within
    ``window`` sentences, and none of the ``unless`` cues (negation, vagueness) in the sentence."""

    type: Literal["lemmas"]
    patterns: list[str] = Field(min_length=1)
    with_: list[str] = Field(default_factory=list, alias="with")
    requires: list[list[str]] = Field(default_factory=list,
                                      description="More groups, each of which must also match (like `with`).")
    window: int = Field(default=0, ge=0, le=5, description="Sentences around in which `with`/`requires` may match.")
    direction: Literal["both", "after", "before"] = Field(default="both", description="Where the window looks.")
    unless: list[str] = Field(default_factory=list, description="Cues that cancel a hit in the same sentence.")
    under_heading: list[str] = Field(default_factory=list,
                                     description="Only sentences in a section whose heading matches one of these.")
    table_unless: list[str] = Field(default_factory=list,
                                    description="With `under_heading`: cues in a table's header row or in the line "
                                                "leading into the table that cancel its rows (\"Budsjett 2025\").")
    table_keep: list[str] = Field(default_factory=list,
                                  description="Cues in the same line that keep the rows after all (a booked column "
                                              "beside the budget: \"Budsjett Faktisk brukt\").")
    min_sentences: int = Field(default=1, ge=1, description="Fires when at least this many sentences hit.")
    prose_only: bool = Field(default=False, description="Skip headings, form fields, table rows and contact lines.")
    link: list[str] = Field(default_factory=list,
                            description="Single-token specs: a word of the hit matching one of these must recur "
                                        "(same lemma) in another sentence that matches `link_in`.")
    link_in: list[str] = Field(default_factory=list,
                               description="Patterns of the other sentence for `link` (e.g. a budget line with a sum).")
    unlink: list[str] = Field(default_factory=list,
                              description="Single-token specs: a hit is cancelled when every word of it matching "
                                          "one of these recurs (same lemma) in another sentence that matches "
                                          "`unlink_in` (the second signer has the first one's title: a peer, not a "
                                          "superior).")
    unlink_in: list[str] = Field(default_factory=list, description="Patterns of the other sentence for `unlink`.")

    @field_validator("link", "unlink")
    @classmethod
    def _single_tokens(cls, v: list[str]) -> list[str]:
        for p in _check_patterns(v):
            if len(p.split()) != 1 or p.startswith(("#", "/")):
                raise ValueError(f"link {p!r}: a link is one word spec or @list, without #, / or gaps")
        return v

    @model_validator(mode="after")
    def _link_pair(self) -> "LemmaDetector":
        if bool(self.link) != bool(self.link_in):
            raise ValueError("link and link_in go together")
        if bool(self.unlink) != bool(self.unlink_in):
            raise ValueError("unlink and unlink_in go together")
        return self

    @field_validator("requires")
    @classmethod
    def _groups_valid(cls, v: list[list[str]]) -> list[list[str]]:
        for group in v:
            if not group:
                raise ValueError("a group in requires is empty")
            _check_patterns(group)
        return v

    @field_validator("patterns", "with_", "unless", "under_heading", "table_unless", "table_keep", "link_in", "unlink_in")
    @classmethod
    def _patterns_valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)


class SemanticDetector(_DetectorBase):
    """Fires on a sentence whose embedding is close to one of the exemplar sentences (cosine at least
    ``threshold``). ``prefilter`` (lemma patterns) picks the sentences worth embedding."""

    type: Literal["semantic"]
    exemplars: list[str] = Field(min_length=1)
    threshold: float = Field(ge=0.0, le=1.0)
    prefilter: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    max_candidates: int = Field(default=20, ge=1, le=500,
                                description="At most this many sentences (in document order) are compared.")

    @field_validator("prefilter", "unless")
    @classmethod
    def _patterns_valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)


class FactDetector(_DetectorBase):
    """Fires when a fact satisfies a condition. ``value: area.applicants`` compares with the applicant
    types the assessed area allows. ``evidence`` patterns locate the sentence to show."""

    type: Literal["fact"]
    field: FactField
    op: Literal[">=", ">", "<", "<=", "==", "!=", "in", "not_in", "present", "absent"]
    value: Any = None
    evidence: list[str] = Field(default_factory=list)

    @field_validator("evidence")
    @classmethod
    def _patterns_valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)

    @model_validator(mode="after")
    def _value_needed(self) -> "FactDetector":
        if self.op not in ("present", "absent") and self.value is None:
            raise ValueError(f"op {self.op!r} needs a value")
        if self.op in ("in", "not_in") and not (isinstance(self.value, list) or self.value == "area.applicants"):
            raise ValueError(f"op {self.op!r} needs a list or 'area.applicants' as value")
        return self


class AmountLimitDetector(_DetectorBase):
    """Fires when a sum asked for (in a sentence or table row matching ``patterns``), per unit and year,
    exceeds ``limit`` (a number or the name of a constant). Per participant: divided by the number of
    participants stated beside it, else by ``facts.participants``; per year: divided by the years
    stated, else by ``facts.duration_years``, unless the text says "per deltaker"/"per år"."""

    type: Literal["amount_limit"]
    patterns: list[str] = Field(min_length=1)
    limit: float | str
    per_participant: bool = True
    per_year: bool = True

    @field_validator("patterns")
    @classmethod
    def _patterns_valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)


class AccountsDetector(_DetectorBase):
    """Fires when the accounts book figures on one side (income or expenses): a table row or
    "Label: amount" line on that side, in a table the document presents as booked; or a prose sentence
    with an amount that says it was booked.

    A row is on this side when its label matches ``rows`` (and not ``exclude``), or, for a label of
    neither side ("Sum", "Deltakerstønad"), when the nearest table header or heading above it that names
    a side matches ``sections`` (not ``exclude``). Its table is booked when a header or heading above it,
    up to the text before the table, matches ``booked`` (a column "Regnskap 2025", "Bokført"); only
    ``unbooked`` ("Budsjett", "Prognose"): not booked, the row is only near; neither: booked (the
    document is a set of accounts). A prose sentence counts when it matches ``rows`` and ``prose`` (a
    booking verb: "bokført", "betalte ut") and holds an amount, without ``unbooked``."""

    type: Literal["accounts"]
    rows: list[str] = Field(min_length=1)
    sections: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    booked: list[str] = Field(min_length=1)
    unbooked: list[str] = Field(default_factory=list)
    prose: list[str] = Field(default_factory=list)
    #: a row that names the grant's letter ("Tilskudd fra IMDi, jf. tilskuddsbrev ..."), or stands under a line that
    #: does: booked only where the row or a line above it other than the document's title says so
    award: list[str] = Field(default_factory=list)

    @field_validator("rows", "sections", "exclude", "booked", "unbooked", "prose", "award")
    @classmethod
    def _patterns_valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)


class SignersDetector(_DetectorBase):
    """Fires when the document shows two different people approving it: the project owner and a superior.

    The approval part is the text from the last heading matching ``headings`` (or, without one, from the
    first sentence near the end matching ``approve``) to the end. Each person named there (two to four
    capitalised words) gets the titles written beside the name: before it back to the previous person,
    after it up to the next, and a title line of its own under a name. A person named where the text
    matches ``not_approver`` (prepared by, contact, copy, controller) or ``pending`` (to be approved
    later) is not an approver. The owner is the approver whose titles match ``owner``, else the
    lowest-ranked one; another approver is the superior when marked so (``superior``: "overordnet
    leder", "hennes nærmeste leder") or when the rank of a title (``ranks``: a list of levels, lowest
    first, each a list of regular expressions) is above the owner's. Fires also on a statement that the
    owner and a superior approved (``approve`` with ``owner`` and ``superior``) where two people sign
    and nothing shows them at the same level. All patterns are regular expressions, case-insensitive."""

    type: Literal["signers"]
    headings: list[str] = Field(min_length=1)
    approve: list[str] = Field(min_length=1)
    pending: list[str] = Field(default_factory=list)
    not_approver: list[str] = Field(default_factory=list)
    owner: list[str] = Field(min_length=1)
    superior: list[str] = Field(min_length=1)
    ranks: list[list[str]] = Field(min_length=2)
    not_names: list[str] = Field(default_factory=list,
                                 description="Capitalised words that do not begin or make a person's name "
                                             "(\"Bydel\", \"Oslo\"), besides the titles of ``ranks``.")

    @field_validator("headings", "approve", "pending", "not_approver", "owner", "superior", "not_names")
    @classmethod
    def _regex_valid(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"pattern {p!r}: {e}") from None
        return v

    @field_validator("ranks")
    @classmethod
    def _ranks_valid(cls, v: list[list[str]]) -> list[list[str]]:
        for level in v:
            cls._regex_valid(level)
        return v


Detector = Annotated[Union[LemmaDetector, SemanticDetector, FactDetector, AmountLimitDetector, AccountsDetector,
                           SignersDetector],
                     Field(discriminator="type")]


class Hints(_Strict):
    met: str = Field(min_length=1)
    gap: str = Field(min_length=1)
    uncertain: str = Field(min_length=1)
    not_applicable: str = "Vilkåret gjelder ikke for dette satsingsområdet eller denne dokumenttypen."


class CheckDefinition(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = ""
    areas: list[str] | Literal["all"] = "all"
    kinds: list[DocumentKind] = Field(default_factory=lambda: ["application"], min_length=1)
    rule: str = Field(min_length=1, description="The condition, cited from the call text.")
    hints: Hints
    mode: Literal["require", "forbid"] = "require"
    detectors: list[Detector] = Field(min_length=1)
    met_at: float = Field(default=1.0, gt=0)
    uncertain_at: float | None = None
    applicable_if: list[Detector] = Field(default_factory=list)
    learned_unless: list[str] = Field(
        default_factory=list,
        description="Lemma patterns of sentences that cannot carry a learned detector's gap (the check's rules read "
                    "them as keeping the condition: 'Det søkes ikke om lønn til ordinære stillinger').")

    @field_validator("learned_unless")
    @classmethod
    def _learned_unless_valid(cls, v: list[str]) -> list[str]:
        return _check_patterns(v)

    @model_validator(mode="after")
    def _thresholds(self) -> "CheckDefinition":
        if self.uncertain_at is not None and self.uncertain_at > self.met_at:
            raise ValueError("uncertain_at must not be above met_at")
        return self

    def applies(self, area: str | None, kind: str) -> bool:
        if kind not in self.kinds:
            return False
        if self.areas == "all":
            return True
        return area is not None and area in self.areas


class AreaDefinition(_Strict):
    number: str = Field(pattern=r"^[0-9A-Za-z]+$")
    name: str = Field(min_length=1)
    description: str = ""
    applicants: list[ApplicantType] = Field(min_length=1, description="Applicant types that may apply.")
    target_group: str = ""

    @field_validator("number", mode="before")
    @classmethod
    def _as_string(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v


class CallDefinition(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    year: int = Field(ge=2000, le=2100)
    name: str = Field(min_length=1)
    circular: str = ""
    source: str = ""
    version: str = "1"
    constants: dict[str, float] = Field(default_factory=dict)
    terms: dict[str, list[str]] = Field(default_factory=dict)
    areas: list[AreaDefinition] = Field(min_length=1)
    checks: list[CheckDefinition] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> "CallDefinition":
        numbers = [a.number for a in self.areas]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"areas: area numbers repeat ({numbers})")
        ids = [c.id for c in self.checks]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"checks: ids repeat ({', '.join(dupes)})")
        for i, check in enumerate(self.checks):
            if check.areas != "all":
                unknown = [a for a in check.areas if a not in numbers]
                if unknown:
                    raise ValueError(f"checks.{i}.areas ({check.id}): unknown area(s) {unknown}")
            for group, detectors in (("detectors", check.detectors), ("applicable_if", check.applicable_if)):
                for j, det in enumerate(detectors):
                    where = f"checks.{i}.{group}.{j} ({check.id})"
                    self._known_terms(where, detector_patterns(det))
                    if isinstance(det, AmountLimitDetector) and isinstance(det.limit, str) \
                            and det.limit not in self.constants:
                        raise ValueError(f"{where}: limit {det.limit!r} is not a constant of the call")
            self._known_terms(f"checks.{i}.learned_unless ({check.id})", check.learned_unless)
        return self

    def _known_terms(self, where: str, patterns: list[str]) -> None:
        for p in patterns:
            for name in re.findall(r"@([a-z_][a-z0-9_]*)", p):
                if name not in self.terms:
                    raise ValueError(f"{where}: pattern {p!r} uses unknown term list @{name}")

    def area(self, number: str | None) -> AreaDefinition | None:
        return next((a for a in self.areas if a.number == number), None)

    def check(self, check_id: str) -> CheckDefinition:
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)


#: Every detector field that holds patterns (the engine compiles them all once).
_PATTERN_FIELDS = ("patterns", "with_", "unless", "under_heading", "table_unless", "table_keep", "prefilter", "evidence", "link", "link_in", "unlink", "unlink_in",
                   "rows", "sections", "exclude", "booked", "unbooked", "prose", "award")


def detector_patterns(det: Any) -> list[str]:
    out: list[str] = []
    for attr in _PATTERN_FIELDS:
        out.extend(getattr(det, attr, []) or [])
    for group in getattr(det, "requires", []) or []:
        out.extend(group)
    return out


def _format_error(source: str, exc: ValidationError, data: Any) -> str:
    lines = [f"{source}: invalid call definition ({exc.error_count()} error(s))"]
    for err in exc.errors():
        loc = list(err["loc"])
        # Name a check by its id as well as its position, so the author finds it.
        if len(loc) >= 2 and loc[0] == "checks" and isinstance(loc[1], int) and isinstance(data, dict):
            try:
                cid = data["checks"][loc[1]].get("id")
                if cid:
                    loc[1] = f"{loc[1]}({cid})"
            except (KeyError, IndexError, TypeError, AttributeError):
                pass
        # Drop pydantic's union tags ("lemmas", "semantic" ...) from the path.
        loc = [str(p) for p in loc if p not in ("lemmas", "semantic", "fact", "amount_limit")]
        field = ".".join(loc) or "(top level)"
        lines.append(f"  field {field}: {err['msg']}")
    return "\n".join(lines)


def available_calls() -> list[str]:
    """Names of the calls shipped with the package."""
    folder = resources.files(__name__)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _read(name_or_path: str | Path) -> tuple[str, str]:
    path = Path(name_or_path)
    if isinstance(name_or_path, Path) or path.suffix in (".yaml", ".yml") or "/" in str(name_or_path):
        if not path.is_file():
            raise CallError(f"{path}: no such call file")
        return str(path), path.read_text(encoding="utf-8")
    resource = resources.files(__name__) / f"{name_or_path}.yaml"
    if not resource.is_file():
        raise CallError(f"unknown call {name_or_path!r}; available: {', '.join(available_calls())}")
    return f"nlp_service/calls/{name_or_path}.yaml", resource.read_text(encoding="utf-8")


def load_call(name_or_path: str | Path) -> CallDefinition:
    """The call named ``name_or_path`` (package data, e.g. ``"tuki-2025"``) or read from a YAML path.

    Raises :class:`CallError` naming the file and the field when the file is not a valid call.
    """
    source, text = _read(name_or_path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CallError(f"{source}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise CallError(f"{source}: a call file must be a mapping with id, year, name, areas and checks")
    try:
        return CallDefinition.model_validate(data)
    except ValidationError as exc:
        raise CallError(_format_error(source, exc, data)) from None

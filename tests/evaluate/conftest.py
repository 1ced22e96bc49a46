"""One Analyzer for the whole evaluation test session, and the corpus test split run through it once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def analyzer():
    from nlp_service.config import get_settings
    from nlp_service.evaluate.runner import DocumentKeepingAnalyzer

    with DocumentKeepingAnalyzer(get_settings()) as a:
        yield a


@pytest.fixture(scope="session")
def corpus_test_run(analyzer):
    """The corpus test split from its .txt sources through the real pipeline, as the regression gate reads it
    (in two processes, as ``python -m nlp_service.evaluate.gate`` does on two cores)."""
    from nlp_service.evaluate.gate import measure

    return measure(analyzer, workers=2)


@pytest.fixture(scope="session")
def corpus_test_results(corpus_test_run):
    return corpus_test_run[0]


@pytest.fixture(scope="session")
def corpus_test_metrics(corpus_test_run):
    return corpus_test_run[1]

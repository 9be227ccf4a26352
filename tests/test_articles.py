"""Ingest: every kind of bad input gives one clear problem naming the file, and the rest is read."""
from __future__ import annotations

import json

from tracker.articles import MAX_ARTICLE_CHARS, normalise_date, read_corpus

ENGLISH = "Russia deployed military instructors to Mali in December 2021, officials in Bamako said."
FRENCH = "La Russie a déployé des instructeurs militaires au Mali en décembre 2021, selon Bamako."


def problems_for(problems, name):
    return [p for p in problems if p.path.startswith(name)]


def test_text_html_and_jsonl_are_read(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><head><title>T</title><script>var x = 'Moscow';</script></head>"
                                     f"<body><nav>Menu</nav><article><p>{ENGLISH}</p><p>{ENGLISH}</p></article>"
                                     f"</body></html>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"doc": "c1", "text": FRENCH, "published": "2022-01"}) + "\n",
                                      encoding="utf-8")
    articles, _ = read_corpus(tmp_path)
    by_doc = {a.doc: a for a in articles}
    assert set(by_doc) == {"a", "b", "c1"}
    assert "var x" not in by_doc["b"].text and "Russia deployed" in by_doc["b"].text
    assert by_doc["c1"].language == "fr" and by_doc["c1"].published == "2022-01"


def test_manifest_gives_outlet_date_and_language(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("doc,file,outlet,published,language\nx1,a.txt,RFI,2022-05,en\n",
                                           encoding="utf-8")
    [article], problems = read_corpus(tmp_path)
    assert (article.doc, article.outlet, article.published, article.language) == ("x1", "RFI", "2022-05", "en")
    assert not problems


def test_empty_and_binary_files_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "good.txt").write_text(ENGLISH, encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert [a.doc for a in articles] == ["good"]
    assert "empty" in problems_for(problems, "empty.txt")[0].reason
    assert "binary" in problems_for(problems, "image.txt")[0].reason


def test_cp1252_text_is_decoded_and_said(tmp_path):
    (tmp_path / "old.txt").write_bytes("Le ministre a déclaré que la France quittera le Mali.".encode("cp1252"))
    [article], problems = read_corpus(tmp_path)
    assert "déclaré" in article.text and article.encoding == "cp1252"
    assert any("cp1252" in p.reason and not p.skipped for p in problems_for(problems, "old.txt"))


def test_unsupported_language_is_skipped_naming_it(tmp_path):
    (tmp_path / "es.txt").write_text("Rusia desplegó instructores militares en Malí en diciembre de 2021, "
                                     "según fuentes oficiales del gobierno de transición.", encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert not articles and "'es'" in problems_for(problems, "es.txt")[0].reason


def test_manifest_with_bad_rows_is_reported_and_files_still_read(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,not-a-date\nmissing.txt,2022\n", encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    reasons = " ".join(p.reason for p in problems)
    assert [a.doc for a in articles] == ["a"] and articles[0].published is None
    assert "bad date" in reasons and "missing.txt" in reasons


def test_manifest_without_file_or_doc_column_is_ignored_with_a_message(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("outlet,published\nRFI,2022\n", encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert len(articles) == 1 and "neither" in problems_for(problems, "manifest.csv")[0].reason


def test_bad_jsonl_line_is_one_problem_and_other_lines_are_read(tmp_path):
    lines = [json.dumps({"doc": "ok", "text": ENGLISH, "language": "en"}), "{not json", json.dumps({"text": "no doc"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert [a.doc for a in articles] == ["ok"]
    assert {p.path for p in problems if p.skipped} == {"feed.jsonl:2", "feed.jsonl:3"}


def test_huge_article_is_cut_with_a_warning(tmp_path):
    (tmp_path / "huge.txt").write_text((ENGLISH + "\n") * (MAX_ARTICLE_CHARS // len(ENGLISH) + 10), encoding="utf-8")
    [article], problems = read_corpus(tmp_path)
    assert len(article.text) == MAX_ARTICLE_CHARS
    assert any("only the first" in p.reason for p in problems)


def test_missing_date_is_a_warning_not_a_skip(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    [article], [problem] = read_corpus(tmp_path)
    assert article.published is None and not problem.skipped and "publication date" in problem.reason


def test_dates_keep_their_precision():
    assert [normalise_date(v) for v in ("2022", "2022-05", "2022-05-20T10:00", "May 2022", "20 mai 2022",
                                        "2022-13", "soon")] == \
        ["2022", "2022-05", "2022-05-20", "2022-05", "2022-05-20", None, None]

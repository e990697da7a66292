from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import DATA, EXAMPLES, ROOT
from irkg import __version__
from irkg.cli import main
from irkg.exports import EXPORT_FILES
from irkg.graph import KnowledgeGraph


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_build_writes_every_export_and_summarises(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(EXPORT_FILES)
    assert "SHACL: conforms" in result.output
    assert re.search(r"Country\s+11", result.output)
    assert (
        "sources: background, india-russia-business-summit, moscow-diplomats-meeting"
        in result.output
    )
    assert "figure checks: 6 run, 0 disagreement(s)" in result.output
    assert re.search(
        r"coverage: \d+ claims in 24 paragraphs .*; (\d+) of \1 facts carried", result.output
    )
    assert re.search(r"built in \d+\.\d\d s", result.output)


def test_cli_build_summary_reads_as_plain_text(
    runner: CliRunner, tmp_path: Path, memory_kg: KnowledgeGraph
) -> None:
    result = runner.invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    table = result.output.split("\n\n")[0].splitlines()
    assert table[0] == "Entities by class" and re.fullmatch(r" class +count ", table[1])
    assert re.fullmatch(rf" total +{memory_kg.stats().entities} ", table[-1])
    assert not any("[" in line for line in table)  # no markup left, as rich would read it


def test_cli_build_on_bad_data_fails_cleanly_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("unknown_property.yaml", "wrong_type.yaml"):
        shutil.copy(EXAMPLES / "invalid" / name, data / name)
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 2
    assert "problems in the input data" in result.output
    assert "unknown_property.yaml:16" in result.output and "wrong_type.yaml:10" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_build_on_shape_violation_exits_3_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLES / "shacl-invalid" / "statement_without_speaker.yaml", data / "a.yaml")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 3
    assert "a statement needs an irkg:speaker" in result.output
    assert not out.exists()


def test_cli_validate_reports_conformance(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--data", str(DATA)])
    assert result.exit_code == 0
    assert "conforms" in result.output


def test_cli_validate_a_store(runner: CliRunner, tmp_path: Path) -> None:
    """`irkg validate --store S` reports on what the store holds, as pySHACL would."""
    spec = f"oxigraph:{tmp_path / 'kg'}"
    broken = EXAMPLES / "shacl-invalid" / "entity_without_label.trig"
    assert runner.invoke(main, ["load", str(broken), "--no-check", "--store", spec]).exit_code == 0
    result = runner.invoke(main, ["validate", "--store", spec])
    assert result.exit_code == 3
    assert (
        "country/nameless: rdfs:label: every entity needs exactly one rdfs:label" in result.output
    )


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_cli_every_command_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert command.help, f"irkg {name} has no help text"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert re.search(rf"irkg {name}\b", readme), f"README does not mention `irkg {name}`"


def test_cli_query_prints_a_table_and_json(runner: CliRunner) -> None:
    sparql = "SELECT ?l WHERE { bloc:eaeu irkg:hasMember ?m . ?m rdfs:label ?l } ORDER BY ?l"
    result = runner.invoke(main, ["query", sparql])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:4] == ["Armenia", "Belarus"]
    as_json = runner.invoke(main, ["query", sparql, "--format", "json"])
    assert '"value": "Armenia"' in as_json.output


def test_cli_query_reads_rq_files_and_stdin(runner: CliRunner, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { country:india irkg:memberOf bloc:sco }")
    assert runner.invoke(main, ["query", str(rq)]).output == "true\n"
    piped = runner.invoke(main, ["query"], input="ASK { country:india irkg:memberOf bloc:eaeu }")
    assert piped.output == "false\n"


def test_cli_query_syntax_error_names_line_and_column(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "SELECT ?x WHERE {\n  ?x rdfs:label \n"])
    assert result.exit_code == 4
    assert "SPARQL syntax error at line" in result.output
    assert "Traceback" not in result.output


def test_cli_query_graph_option_reads_other_rdf(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "other.ttl"
    other.write_text(
        '<https://w3id.org/irkg/id/city/kazan> <http://www.w3.org/2000/01/rdf-schema#label> "Kazan" .'
    )
    result = runner.invoke(
        main, ["query", "SELECT ?l WHERE { city:kazan rdfs:label ?l }", "--graph", str(other)]
    )
    assert result.exit_code == 0 and "Kazan" in result.output


def test_cli_ask_list_describes_every_helper(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "--list"])
    for name in (
        "members-of",
        "trade",
        "said-by",
        "path",
        "central",
        "timeline",
        "routes",
        "claims",
    ):
        assert name in result.output


def test_cli_ask_answers_and_fails_clearly(runner: CliRunner) -> None:
    members = runner.invoke(main, ["ask", "members-of", "EAEU", "--format", "csv"])
    assert members.exit_code == 0
    assert members.output.splitlines()[0] == "id,label,sources"
    assert len(members.output.splitlines()) == 6
    unknown = runner.invoke(main, ["ask", "said-by", "Nobody Atall"])
    assert unknown.exit_code == 4 and "no entity is called" in unknown.output
    graph = str(EXAMPLES / "ambiguous_alias.ttl")
    ambiguous = runner.invoke(main, ["ask", "sources-of", "Delhi", "--graph", graph])
    assert ambiguous.exit_code == 4 and "ambiguous" in ambiguous.output


def test_cli_every_ask_helper_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ask = main.commands["ask"]
    assert isinstance(ask, click.Group)
    for name, command in ask.commands.items():
        assert command.help, f"irkg ask {name} has no help text"
        assert runner.invoke(main, ["ask", name, "--help"]).exit_code == 0
        assert re.search(rf"`{name}\b", readme), f"README does not mention `irkg ask {name}`"


def test_cli_explore_writes_a_narrowed_page(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "z.html"
    result = runner.invoke(
        main, ["explore", "--focus", "Pearl", "--depth", "1", "--no-open", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"wrote .*z\.html \(\d+ entities, \d+ relations\)", result.output)
    assert '"film/zhemchug"' in out.read_text(encoding="utf-8")
    wrong = runner.invoke(main, ["explore", "--source", "Goyal", "--no-open", "--out", str(out)])
    assert wrong.exit_code == 4 and "not a source document" in wrong.output


def test_cli_ask_trade_says_how_each_multiple_is_read(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "trade"])
    assert result.exit_code == 0, result.output
    assert "computed 5.80 as an increase over the base" in result.output
    assert "as a ratio it would be 6.80" in result.output
    assert "DISAGREES" not in result.output


def test_cli_ask_claims_prints_a_paragraph_ledger(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["ask", "claims", "india-russia-business-summit", "9", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "paragraph,number,claim,carried_by,unmodelled"
    assert lines[1].endswith(",target/trade-100bn-2030,")
    wrong = runner.invoke(main, ["ask", "claims", "india-russia-business-summit", "99"])
    assert wrong.exit_code == 4 and "no claims in paragraph 99" in wrong.output


def test_cli_query_long_text_is_text_not_a_file_name(runner: CliRunner) -> None:
    text = "SELECT ?x WHERE { " + " ".join(["?x ?p ?o ."] * 40) + " } LIMIT 1"
    assert len(text) > 300 and "/" not in text
    result = runner.invoke(main, ["query", text])
    assert result.exit_code == 0, result.output


def test_cli_query_reads_a_file_given_with_at(runner: CliRunner, tmp_path: Path) -> None:
    query = tmp_path / "q.sparql"
    query.write_text("ASK { country:india irkg:memberOf bloc:sco }", encoding="utf-8")
    assert runner.invoke(main, ["query", f"@{query}"]).output == "true\n"
    missing = runner.invoke(main, ["query", "@/no/such.rq"])
    assert missing.exit_code == 2
    assert "/no/such.rq: cannot read the file: No such file or directory" in missing.output


def test_cli_data_never_becomes_markup_or_a_terminal_escape(runner: CliRunner) -> None:
    graph = str(EXAMPLES / "hostile" / "markup_label.ttl")
    labels = runner.invoke(
        main, ["query", "SELECT ?l WHERE { ?p rdfs:label ?l } ORDER BY ?l", "--graph", graph]
    )
    assert labels.exit_code == 0, labels.output
    assert "[/]" in labels.output and "[bold]loud[/bold]" in labels.output
    said = runner.invoke(main, ["ask", "said-by", "[/]", "--graph", graph])
    assert said.exit_code == 0 and "Traceback" not in said.output
    unknown = runner.invoke(main, ["ask", "said-by", "[/b]\x1b[31m", "--graph", graph])
    assert unknown.exit_code == 4 and "[/b]\\x1b[31m" in unknown.output
    bad = runner.invoke(main, ["query", "SELECT ?x WHERE { ?x [/b] }"])
    assert bad.exit_code == 4 and "SPARQL syntax error" in bad.output
    escape = 'SELECT ?x WHERE { BIND ("Evil\\u001B]0;pwned\\u0007 Person" AS ?x) }'
    for fmt in ("table", "csv", "tsv", "json", "md"):
        shown = runner.invoke(main, ["query", escape, "--format", fmt, "--graph", graph]).output
        assert "\x1b" not in shown and "\x07" not in shown and "pwned" in shown, fmt
    hostile = runner.invoke(
        main, ["ask", "central", "--graph", str(EXAMPLES / "hostile" / "terminal_label.ttl")]
    )
    assert hostile.exit_code == 2 and "\x1b" not in hostile.output
    assert "the character U+001B: not allowed in text" in hostile.output


def test_cli_query_prints_every_row_in_every_format(runner: CliRunner) -> None:
    query = "SELECT ?x WHERE { VALUES ?x { UNDEF UNDEF UNDEF } }"
    table = runner.invoke(main, ["query", query]).output.splitlines()
    tsv = runner.invoke(main, ["query", query, "--format", "tsv"]).output.splitlines()
    csv = runner.invoke(main, ["query", query, "--format", "csv"]).output.splitlines()
    assert (len(table), len(tsv), len(csv)) == (2 + 3, 1 + 3, 1 + 3)


def test_cli_select_star_keeps_the_querys_variable_order(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    query = "SELECT * WHERE { ?zeta ?alpha ?mid } LIMIT 1"
    headers = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-m", "irkg.cli", "query", query, "--format", "csv"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        ).stdout
        headers.add(out.splitlines()[0])
    assert headers == {"zeta,alpha,mid"}


@pytest.mark.parametrize("export", ["irkg.trig", "irkg.nq", "irkg.jsonld"])
def test_cli_ask_answers_alike_from_every_named_graph_export(
    runner: CliRunner, export: str
) -> None:
    result = runner.invoke(
        main,
        ["ask", "members-of", "EAEU", "--graph", str(ROOT / "exports" / export), "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        f"country/{c},{n},moscow-diplomats-meeting ¶3"
        for c, n in [
            ("armenia", "Armenia"),
            ("belarus", "Belarus"),
            ("kazakhstan", "Kazakhstan"),
            ("kyrgyzstan", "Kyrgyz Republic"),
            ("russia", "Russia"),
        ]
    ]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    ],
    ids=["cross-join", "counted-cross-join"],
)
def test_cli_query_is_stopped_at_its_timeout(runner: CliRunner, query: str) -> None:
    import time

    started = time.monotonic()
    result = runner.invoke(main, ["query", query, "--timeout", "1.5"])
    assert time.monotonic() - started < 10
    assert result.exit_code == 4
    assert "stopped after 1.5 s (--timeout)" in result.output


def test_cli_query_regex_that_backtracks_elsewhere_answers_at_once(runner: CliRunner) -> None:
    """A pattern that takes a backtracking engine (rdflib's, Python's re) exponential time
    is linear in Oxigraph's (Rust's regex)."""
    query = (
        'SELECT ?x WHERE { BIND ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" AS ?x)'
        ' FILTER (REGEX(?x, "^(a+)+$")) }'
    )
    result = runner.invoke(main, ["query", query, "--timeout", "10", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["x"]


def test_cli_limit_cuts_rows_and_says_so(runner: CliRunner) -> None:
    query = runner.invoke(
        main, ["query", "SELECT ?s WHERE { ?s a ?t }", "--limit", "3", "--format", "csv"]
    )
    assert query.exit_code == 0
    lines = query.output.splitlines()
    assert len([line for line in lines if not line.startswith("note:")]) == 1 + 3
    assert any(line.startswith("note: printed the first 3 of ") for line in lines)
    central = runner.invoke(main, ["ask", "central", "--limit", "2", "--format", "csv"])
    assert "note: printed the first 2 of 10 rows (--limit)" in central.output


def test_cli_odd_iris_get_a_located_error_or_an_answer_never_a_traceback(runner: CliRunner) -> None:
    hostile = EXAMPLES / "hostile"
    bad = runner.invoke(main, ["ask", "central", "--graph", str(hostile / "bad_iri.ttl")])
    assert (
        bad.exit_code == 2
        and "bad_iri.ttl: the IRI" in bad.output
        and "which an IRI may not" in bad.output
    )
    kindless = runner.invoke(
        main, ["ask", "sources-of", "Kazan", "--graph", str(hostile / "iri_without_kind.ttl")]
    )
    assert kindless.exit_code == 0 and "Kazan" in kindless.output


def test_cli_trade_flow_must_be_a_flow(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ask", "trade", "--flow", "country/india"])
    assert result.exit_code == 4 and "'country/india' is not a trade flow" in result.output


@pytest.mark.parametrize(
    ("fmt", "expected"), [("csv", "id,label,sources\n"), ("tsv", "id\tlabel\tsources\n")]
)
def test_cli_an_empty_answer_keeps_its_header(runner: CliRunner, fmt: str, expected: str) -> None:
    result = runner.invoke(main, ["ask", "members-of", "India", "--format", fmt])
    assert result.exit_code == 0 and result.output == expected


def _build_into(runner: CliRunner, out: str) -> click.testing.Result:
    return runner.invoke(main, ["build", "--data", str(EXAMPLES / "valid"), "--out", out])


def test_build_out_replaces_only_its_own_exports_and_keeps_hidden_files(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder holding a user's files (a git checkout, say) is refused and left as it
    was; a folder of exports keeps its hidden files; `--out .` is refused cleanly; a
    link to a folder is written through and stays a link."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / ".gitignore").write_text("*.pyc\n")
    (project / ".env").write_text("TOKEN=1\n")
    refused = _build_into(runner, str(project))
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    assert "holds .env, .git, .gitignore but no irkg exports" in refused.output
    assert sorted(p.name for p in project.iterdir()) == [".env", ".git", ".gitignore"]

    exports = tmp_path / "exports"
    assert _build_into(runner, str(exports)).exit_code == 0
    (exports / ".gitignore").write_text("*.tmp\n")
    (exports / ".git").mkdir()
    (exports / "NOTES.md").write_text("mine\n")
    assert _build_into(runner, str(exports)).exit_code == 0
    assert (exports / ".gitignore").read_text() == "*.tmp\n" and (exports / ".git").is_dir()
    assert (exports / "NOTES.md").read_text() == "mine\n"

    monkeypatch.chdir(exports)
    here = _build_into(runner, ".")
    assert here.exit_code != 0 and "Traceback" not in here.output
    assert ".: this is the folder irkg runs in" in here.output
    monkeypatch.chdir(project)
    assert "holds .env, .git, .gitignore" in _build_into(runner, ".").output

    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    assert _build_into(runner, str(tmp_path / "link")).exit_code == 0
    assert (tmp_path / "link").is_symlink()
    assert sorted(p.name for p in real.iterdir()) == sorted(EXPORT_FILES)


def test_cli_a_number_too_long_to_read_is_a_located_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLES / "valid" / "minimal.yaml", data)
    big = data / "big.ttl"
    big.write_text(
        '<urn:a> <urn:label> "A" .\n'
        f'<urn:a> <urn:count> "{"7" * 5000}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
        encoding="utf-8",
    )
    expected = (
        "error: 1 problem in the input data:\n"
        f"  {big}:2: a number of 5,000 digits: irkg reads whole numbers of at most 4,300\n"
    )
    validate = runner.invoke(main, ["validate", "--data", str(data)])
    assert (validate.exit_code, validate.stdout, validate.stderr) == (2, "", expected)
    query = runner.invoke(
        main, ["query", "SELECT (?n + 1 AS ?m) { ?s ?p ?n }", "--graph", str(big)]
    )
    assert (query.exit_code, query.stdout, query.stderr) == (2, "", expected)


def test_cli_text_that_reorders_or_hides_what_is_shown_is_escaped(
    runner: CliRunner, tmp_path: Path
) -> None:
    graph = tmp_path / "bidi.ttl"
    graph.write_text(
        "<https://w3id.org/irkg/id/person/evil> a <https://schema.org/Person> ;\n"
        '  <http://www.w3.org/2000/01/rdf-schema#label> "Evil\u202egnp.exe\u200b\u2066 P" .\n',
        encoding="utf-8",
    )
    label = "Evil\\u202egnp.exe\\u200b\\u2066 P"
    query = ["query", "SELECT ?l WHERE { person:evil rdfs:label ?l }", "--graph", str(graph)]
    assert runner.invoke(main, query).output == f"l\n{'-' * len(label)}\n{label}\n"
    assert runner.invoke(main, [*query, "--format", "csv"]).output == f"l\n{label}\n"
    said = runner.invoke(main, ["ask", "sources-of", "person/evil", "--graph", str(graph)])
    assert said.output.splitlines()[2:] == [
        f"{label}  type         Person{' ' * (len(label) - 6)}  file-bidi",
        f"{label}  label        {label}  file-bidi",
    ]
    as_json = runner.invoke(
        main, ["ask", "sources-of", "person/evil", "--format", "json", "--graph", str(graph)]
    )
    assert json.loads(as_json.output)[1]["object"] == "Evil\u202egnp.exe\u200b\u2066 P"


def test_cli_a_line_break_in_a_store_path_is_shown_escaped_in_the_error_and_its_hints(
    runner: CliRunner, tmp_path: Path
) -> None:
    store = f"{tmp_path}/x\nY\u2028Z"
    shown = f"{tmp_path}/x\\x0aY\\u2028Z"
    result = runner.invoke(main, ["query", "--store", f"oxigraph:{store}", "ASK {}"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert result.stderr.startswith(f"error: {shown}: no store here")
    assert result.stderr.count("\n") == 1 and "\u2028" not in result.stderr
    assert result.stderr.count(shown) == 3  # the error and both hints
    # The layouts made of lines keep them: a syntax error's query line and caret.
    syntax = runner.invoke(main, ["query", "SELECT ?x WHERE { ?x }"])
    assert syntax.stderr.splitlines()[1:] == ["  SELECT ?x WHERE { ?x }", f"{' ' * 20}^"]


def test_cli_names_with_line_breaks_and_escapes_are_shown_escaped(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(EXAMPLES / "valid" / "minimal.yaml", tmp_path / "data")
    odd = "talks\n\x1b]0;pwned\x07\u202e.txt"
    shown = "talks\\x0a\\x1b]0;pwned\\x07\\u202e.txt"
    (tmp_path / odd).write_text("Talks\n\nUtopia joins the Example Union.\n", encoding="utf-8")
    ingest = runner.invoke(main, ["ingest", odd])
    assert ingest.exit_code == 0, ingest.output
    assert re.fullmatch(
        rf"{re.escape(shown)}: doc/article-[0-9a-f]+ \(new\)", ingest.stdout.splitlines()[0]
    )
    missing = runner.invoke(main, ["query", f"@{odd}.rq"])
    assert missing.stderr == (
        f"error: 1 problem in the input data:\n  {shown}.rq: cannot read the file: "
        "No such file or directory\n"
    )
    extra = runner.invoke(main, ["build", odd])
    assert extra.stderr.splitlines()[-1] == f"Error: Got unexpected extra argument ({shown})"


def test_explore_out_writes_only_a_new_file_or_over_its_own_page(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A FIFO, a folder or someone's file at --out is refused and left as it was; an
    explorer page is written over; a link is written through and stays a link."""
    import os
    import stat

    def explore(out: Path) -> click.testing.Result:
        return runner.invoke(
            main, ["explore", "--depth", "1", "--focus", "EAEU", "--no-open", "--out", str(out)]
        )

    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.html"
    folder.mkdir()
    notes = tmp_path / "notes.html"
    notes.write_text("<p>mine</p>\n")
    for path in (fifo, folder, notes):
        result = explore(path)
        assert result.exit_code != 0 and "Traceback" not in result.output, result.output
        assert str(path) in result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir()
    assert notes.read_text() == "<p>mine</p>\n"
    page = tmp_path / "page.html"
    assert explore(page).exit_code == 0
    assert explore(page).exit_code == 0  # its own page, again
    link = tmp_path / "link.html"
    link.symlink_to(page)
    assert explore(link).exit_code == 0
    assert link.is_symlink() and "<title>irkg explorer: " in page.read_text()


def test_a_build_keeps_what_irkg_did_not_leave_and_the_folder_mode(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Beside and inside the exports folder, only irkg's own leftovers are cleaned up:
    a user's `.exports.backup` folder and `.draft.tmp` file stay; so do its permissions."""
    out = tmp_path / "exports"
    assert _build_into(runner, str(out)).exit_code == 0
    backup = tmp_path / ".exports.backup"
    backup.mkdir()
    (backup / "old.ttl").write_text("kept\n")
    (out / ".draft.tmp").write_text("kept\n")
    leftover = tmp_path / ".exports.new-abcd1234"  # what a killed build leaves
    leftover.mkdir()
    out.chmod(0o750)
    assert _build_into(runner, str(out)).exit_code == 0
    assert (backup / "old.ttl").read_text() == "kept\n"
    assert (out / ".draft.tmp").read_text() == "kept\n"
    assert not leftover.exists()
    assert (out.stat().st_mode & 0o777) == 0o750


def test_a_shacl_report_shows_the_datas_line_breaks_and_bidi_escaped(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A value in a SHACL violation is the data's text: one line, nothing raw."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "odd.ttl").write_text(
        "@prefix irkg: <https://w3id.org/irkg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/irkg/id/country/utopia> a irkg:Country ;\n"
        '    rdfs:label "Ut\\nopia\\u202Egpj.exe"@en .\n'
    )
    result = runner.invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 3, result.output
    assert "(value: Ut\\x0aopia\\u202egpj.exe@en)" in result.output
    assert "\u202e" not in result.output and "Ut\nopia" not in result.output

"""The training recipe's bookkeeping: steps behind the best model, and which files the parser trains on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("tomllib")  # the recipe reader needs Python 3.11; the package itself runs on 3.10
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
import train_models  # noqa: E402


def _run(first: int, last: int, best: set[int], every: int = 100) -> list[str]:
    lines = ["", "# 2026-11-24 01:00:00 $ python -m stanza.models.parser --mode train"]
    for step in range(first, last + 1, every):
        lines.append(f"INFO: step {step}: train_loss = 1.0, dev_score = 0.5")
        if step in best:
            lines.append("INFO: new best model saved.")
    return lines


def _log(tmp_path: Path, *runs: list[str]) -> Path:
    path = tmp_path / "depparse.log"
    path.write_text("\n".join(line for run in runs for line in run) + "\n", encoding="utf-8")
    return path


def test_no_log_means_no_steps(tmp_path: Path) -> None:
    assert train_models.steps_done(tmp_path / "missing.log") == 0


def test_one_run_counts_up_to_its_best_model(tmp_path: Path) -> None:
    assert train_models.steps_done(_log(tmp_path, _run(100, 500, best={100, 300}))) == 300


def test_a_warm_start_adds_its_steps_to_the_earlier_runs(tmp_path: Path) -> None:
    # A warm start counts its steps from 1 again; the model it saved carries the earlier 300.
    log = _log(tmp_path, _run(100, 500, best={300}), _run(100, 400, best={200}))
    assert train_models.steps_done(log) == 500


def test_a_checkpoint_resume_continues_the_earlier_count(tmp_path: Path) -> None:
    # Resumed from stanza's checkpoint, the step numbers carry on: 600 steps in all, not 300 + 600.
    log = _log(tmp_path, _run(100, 400, best={300}), _run(500, 700, best={600}))
    assert train_models.steps_done(log) == 600


def test_a_run_that_failed_before_its_first_step_changes_nothing(tmp_path: Path) -> None:
    log = _log(tmp_path, _run(100, 500, best={300}), ["", "# 2026-11-24 02:00:00 $ python ...", "IndexError"])
    assert train_models.steps_done(log) == 300


def test_a_failed_run_between_a_run_and_its_checkpoint_resume_is_skipped(tmp_path: Path) -> None:
    # 400 steps, then a warm start to 1,200 (best 1,200), a start that crashed, and a resume of
    # the warm start's checkpoint to 2,200 (best 2,000): 400 + 2,000, not 400 + 1,200 + 2,000.
    failed = ["# 2026-11-24 04:26:30 $ python ...", "IndexError"]
    log = _log(tmp_path, _run(100, 400, best={400}), _run(100, 1200, best={1200}), failed,
               _run(1300, 2200, best={2000}))
    assert train_models.steps_done(log) == 2400


def _scored_run(scores: list[float]) -> list[str]:
    lines = ["# 2026-11-24 01:00:00 $ python training/tagger_warm_start.py --mode train"]
    for n, score in enumerate(scores, start=1):
        lines += [f"INFO: step {250 * n}: train_loss = 1.0, dev_score = {score}", "INFO: new best model saved."]
    return lines


def _tagger_files(tmp_path: Path, *runs: list[str]) -> tuple[Path, Path, Path]:
    logfile, model, started_from = tmp_path / "pos.log", tmp_path / "pos.pt", tmp_path / "pos.pt.warm_start"
    logfile.write_text("\n".join(line for run in runs for line in run) + "\n", encoding="utf-8")
    model.write_text("model saved by the last run", encoding="utf-8")
    started_from.write_text("model the last run started from", encoding="utf-8")
    return logfile, model, started_from


def test_a_warm_start_that_never_beat_its_starting_model_is_undone(tmp_path: Path) -> None:
    logfile, model, started_from = _tagger_files(
        tmp_path, _scored_run([0.87, 0.89]), ["# 2026-11-24 02:00:00 $ python crashed"], _scored_run([0.88, 0.879]))
    assert train_models.undo_worse_warm_start(logfile, model, started_from)
    assert model.read_text() == "model the last run started from"
    assert train_models.steps_done(logfile) == 500  # the undone run's steps no longer count
    assert "0.879" in (tmp_path / "pos.rejected.log").read_text() and "0.879" not in logfile.read_text()


@pytest.mark.parametrize("last_run", [[0.88, 0.895], [0.89], []])
def test_a_warm_start_that_matched_or_beat_its_starting_model_is_kept(tmp_path: Path, last_run: list[float]) -> None:
    logfile, model, started_from = _tagger_files(tmp_path, _scored_run([0.87, 0.89]), _scored_run(last_run))
    assert not train_models.undo_worse_warm_start(logfile, model, started_from)
    assert model.read_text() == "model saved by the last run"


def test_a_first_run_is_never_undone(tmp_path: Path) -> None:
    logfile, model, started_from = _tagger_files(tmp_path, _scored_run([0.80]))
    assert not train_models.undo_worse_warm_start(logfile, model, started_from)


@pytest.mark.parametrize(("done", "expected"),
                         [(0, 3e-3), (3999, 3e-3), (4000, 5e-4), (4749, 5e-4), (4750, 1.5e-4), (9000, 1.5e-4)])
def test_a_warm_start_uses_the_rate_of_the_last_decay_step_it_is_past(done: int, expected: float) -> None:
    settings = {"lr": 3e-3, "lr_decay": [[4750, 1.5e-4], [4000, 5e-4]]}
    assert train_models.learning_rate(settings, done) == expected


def test_no_learning_rate_setting_leaves_stanzas_default() -> None:
    assert train_models.learning_rate({}, 5000) is None


@pytest.mark.parametrize(("predicted", "train", "dev"), [
    (True, "train.retagged.conllu", "dev.retagged.conllu"),
    (False, "train.conllu", "dev.conllu"),
])
def test_the_parser_trains_on_the_tags_the_recipe_asks_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           predicted: bool, train: str, dev: str) -> None:
    commands: list[list[str]] = []
    monkeypatch.setattr(train_models, "run", lambda cmd, *args, **kwargs: commands.append(cmd))
    settings = train_models.load_settings("full")
    settings["depparse"]["predicted_tags"] = predicted
    (tmp_path / "data").mkdir()
    for name in (train, dev):
        (tmp_path / "data" / name).write_text("", encoding="utf-8")
    train_models.stage_depparse(settings, tmp_path)
    command = commands[0]
    assert command[command.index("--train_file") + 1] == str(tmp_path / "data" / train)
    assert command[command.index("--eval_file") + 1] == str(tmp_path / "data" / dev)
    assert "--predicted_tags" not in command  # a recipe setting, not one of stanza's flags


def test_the_parser_asks_for_the_retag_stage_when_its_files_are_missing(tmp_path: Path) -> None:
    settings = train_models.load_settings("full")
    settings["depparse"]["predicted_tags"] = True
    with pytest.raises(SystemExit, match="run the retag stage first"):
        train_models.stage_depparse(settings, tmp_path)


def _stage_depparse_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], dict[str, str] | None]:
    calls: list[tuple[list[str], dict[str, str] | None]] = []
    monkeypatch.setattr(train_models, "run", lambda cmd, logfile=None, env=None: calls.append((cmd, env)))
    settings = train_models.load_settings("full")
    settings["depparse"]["predicted_tags"] = False
    (tmp_path / "data").mkdir(exist_ok=True)
    for name in ("train.conllu", "dev.conllu"):
        (tmp_path / "data" / name).write_text("", encoding="utf-8")
    train_models.stage_depparse(settings, tmp_path)
    return calls[-1]


def _flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


@pytest.mark.parametrize("second_stage", [False, True])
def test_a_checkpoint_resumes_with_its_own_run_budget_and_vocabulary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     second_stage: bool) -> None:
    torch = pytest.importorskip("torch")
    first, _ = _stage_depparse_command(tmp_path, monkeypatch)
    recipe_steps = int(_flag(first, "--max_steps"))
    # The run that wrote the checkpoint was a warm start with a smaller budget than the recipe's.
    checkpoint = tmp_path / "checkpoints" / "depparse_checkpoint.pt"
    checkpoint.with_suffix(".settings.json").write_text('{"max_steps": 700, "second_optim_start_step": 300}')
    torch.save({"config": {"second_stage": second_stage}, "vocab": {}}, checkpoint)
    command, env = _stage_depparse_command(tmp_path, monkeypatch)
    assert recipe_steps != 700
    assert _flag(command, "--max_steps") == "700"
    assert env is not None and env["PARSER_VOCAB_FROM"] == str(checkpoint)
    assert "--continue_from" not in command  # stanza picks the checkpoint up itself
    # Past the switch to the second optimizer, stanza must not switch (and restart it) again.
    assert int(_flag(command, "--second_optim_start_step")) == (701 if second_stage else 300)


def _tagged_parser(path: Path) -> None:
    torch = pytest.importorskip("torch")
    width = 4 + 3 + 3 + 2 + 2 + 4  # pretrained, word, lemma, POS, POS again, characters
    model = {name: torch.zeros(5, width) for name in ("parserlstm.lstm.0.lstm.weight_ih_l0",
                                                      "parserlstm.lstm.0.lstm.weight_ih_l0_reverse",
                                                      "parserlstm.highway.0.weight", "parserlstm.gate.0.weight")}
    model.update({"drop_replacement": torch.zeros(width), "upos_emb.weight": torch.zeros(6, 2)})
    config = {"transformed_dim": 4, "word_emb_dim": 3, "tag_emb_dim": 2, "second_stage": True}
    torch.save({"model": model, "vocab": {}, "config": config}, path)


def _settings_without_tags() -> dict:
    settings = train_models.load_settings("full")
    settings["depparse"].update(predicted_tags=False, tag_inputs=False, max_steps=4000,
                                untag={"max_steps": 900, "second_optim_start_step": 500, "optim": "adam", "lr": 1e-3})
    return settings


def _depparse_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], dict[str, str] | None]]:
    calls: list[tuple[list[str], dict[str, str] | None]] = []
    monkeypatch.setattr(train_models, "run", lambda cmd, logfile=None, env=None: calls.append((cmd, env)))
    (tmp_path / "data").mkdir(exist_ok=True)
    for name in ("train.conllu", "dev.conllu"):
        (tmp_path / "data" / name).write_text("", encoding="utf-8")
    train_models.stage_depparse(_settings_without_tags(), tmp_path)
    return calls


def test_a_parser_that_reads_tags_is_cut_loose_from_them_with_the_recipes_conversion_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    torch = pytest.importorskip("torch")
    (tmp_path / "models").mkdir()
    _tagged_parser(tmp_path / "models" / "depparse.pt")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "depparse.log").write_text("\n".join(_run(100, 4000, best={4000})) + "\n", encoding="utf-8")
    [(command, env)] = _depparse_calls(tmp_path, monkeypatch)
    start_from = tmp_path / "models" / "depparse.warm_start.pt"
    assert _flag(command, "--continue_from") == str(start_from)
    assert env is not None and env["PARSER_VOCAB_FROM"] == str(start_from)
    assert {"--no_upos", "--no_xpos", "--no_ufeats"} <= set(command)
    # The conversion run's own budget and optimizer, not the 100 steps left of the recipe's 4,000.
    assert (_flag(command, "--max_steps"), _flag(command, "--second_optim_start_step"),
            _flag(command, "--optim"), _flag(command, "--lr")) == ("900", "500", "adam", "0.001")
    assert not train_models.reads_tags(start_from)
    assert train_models.reads_tags(tmp_path / "models" / "depparse.pt")  # the model itself is left alone
    # A resume of the conversion run from its checkpoint needs the same optimizer.
    saved_run = (tmp_path / "checkpoints" / "depparse_checkpoint.settings.json").read_text(encoding="utf-8")
    assert '"optim": "adam"' in saved_run and '"lr": 0.001' in saved_run
    assert torch.load(start_from, weights_only=False)["config"]["use_upos"] is False


def test_a_parser_that_reads_no_tags_is_warm_started_as_usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    torch = pytest.importorskip("torch")
    (tmp_path / "models").mkdir()
    torch.save({"model": {}, "vocab": {}, "config": {"tag_emb_dim": 50, "use_upos": False, "use_xpos": False,
                                                     "use_ufeats": False}}, tmp_path / "models" / "depparse.pt")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "depparse.log").write_text("\n".join(_run(100, 3000, best={3000})) + "\n", encoding="utf-8")
    [(command, _)] = _depparse_calls(tmp_path, monkeypatch)
    assert _flag(command, "--max_steps") == "1000" and "--optim" not in command
    assert "--no_upos" in command


def test_a_tagger_warm_start_indexes_its_data_with_the_saved_models_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    # Built from another training file, the vocabulary would give the tags other indices.
    torch = pytest.importorskip("torch")
    import tagger_warm_start

    saved = Path(__file__).resolve().parent.parent / "attribution" / "stanza_models" / "en" / "pos" / "default.pt"
    dataset = tagger_warm_start.tagger.Dataset
    monkeypatch.setattr(dataset, "init_vocab", dataset.__dict__["init_vocab"])  # put back after the test
    tagger_warm_start.use_saved_vocabulary(str(saved))
    vocab = dataset.init_vocab([], {}, None)
    assert vocab.state_dict() == torch.load(saved, map_location="cpu", weights_only=False)["vocab"]


def _sentence(sent_id: str) -> str:
    return f"# sent_id = {sent_id}\n1\tWord\tword\tNOUN\tNN\t_\t0\troot\t_\t_\n\n"


@pytest.mark.parametrize(("done", "expected"), [(4500, "train.conllu"), (4750, "train.gum_ewt.conllu")])
def test_the_tagger_finishes_on_gum_and_ewt_from_the_recipes_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  done: int, expected: str) -> None:
    commands: list[list[str]] = []
    monkeypatch.setattr(train_models, "run", lambda cmd, *args, **kwargs: commands.append(cmd))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "train.conllu").write_text(
        "".join(_sentence(s) for s in ("GUM_news_iodine-1", "en_lines-ud-train-doc1-1", "weblog-juancole.com_x-0001",
                                       "en_partut-ud-3", "GUM_vlog_radiology-2")), encoding="utf-8")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "pos.pt").write_bytes(b"")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "pos.log").write_text("\n".join(_run(250, done, best={done}, every=250)) + "\n", encoding="utf-8")
    settings = train_models.load_settings("full")
    settings["pos"]["gum_ewt_only_from_step"] = 4750
    settings["pos"]["max_steps"] = 5500
    train_models.stage_pos(settings, tmp_path)
    train_file = Path(_flag(commands[0], "--train_file"))
    assert train_file == tmp_path / "data" / expected
    if expected == "train.gum_ewt.conllu":
        ids = [line for line in train_file.read_text(encoding="utf-8").splitlines() if line.startswith("# sent_id")]
        assert ids == ["# sent_id = GUM_news_iodine-1", "# sent_id = weblog-juancole.com_x-0001",
                       "# sent_id = GUM_vlog_radiology-2"]


def test_a_tagger_run_stops_at_the_next_learning_rate_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[list[str]] = []
    monkeypatch.setattr(train_models, "run", lambda cmd, *args, **kwargs: commands.append(cmd))
    for folder in ("data", "models", "logs"):
        (tmp_path / folder).mkdir()
    settings = train_models.load_settings("full")
    settings["pos"].update(max_steps=4750, lr=3e-3, lr_decay=[[4000, 5e-4]])
    train_models.stage_pos(settings, tmp_path)
    # From scratch: one run to the decay step; no model was saved, so the stage stops there.
    assert len(commands) == 1
    assert _flag(commands[0], "--max_steps") == "4000" and _flag(commands[0], "--lr") == "0.003"


def test_ewt_dev_and_test_never_train(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: dict[str, list[Path]] = {}
    def record(path: Path, sources: list[tuple[Path, bool]]) -> tuple[int, int]:
        written[path.name] = [p for p, _ in sources]
        return 0, 0

    monkeypatch.setattr(train_models, "write_conllu", record)
    monkeypatch.setattr(train_models, "run", lambda *args, **kwargs: None)
    monkeypatch.setattr("stanza.utils.datasets.contract_mwt.contract_mwt", lambda *args: None)
    shared = tmp_path / "shared"
    (shared / "treebanks" / "gum").mkdir(parents=True)
    (shared / "treebanks" / "gum" / "splits.md").write_text("## dev\n* GUM_a\n## test\n* GUM_b\n")
    settings = train_models.load_settings("full")
    settings["ewt_train_splits"] = ["train", "dev", "test"]
    (tmp_path / "work" / "data").mkdir(parents=True)
    train_models.stage_prepare(settings, tmp_path / "work", shared)
    ewt = [p.name for p in written["train.conllu"] if "ewt" in p.name]
    assert ewt == ["en_ewt-ud-train.conllu"]
    assert [p.name for p in written["ewt_test.conllu"]] == ["en_ewt-ud-test.conllu"]


def test_a_partial_package_keeps_the_tagger_and_parser_with_their_vectors(tmp_path: Path) -> None:
    settings = train_models.load_settings("full")
    settings["package_only"] = ["pos"]
    with pytest.raises(SystemExit, match="trained together"):
        train_models.stage_package(settings, tmp_path)
    settings["package_only"] = ["parser"]
    with pytest.raises(SystemExit, match="--only takes"):
        train_models.stage_package(settings, tmp_path)

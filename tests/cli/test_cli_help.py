"""``planner --help`` lists what the command accepts, the desktop app's own options included."""

from __future__ import annotations

from planner.cli import main
from planner.cli.gui_cmd import build_gui_parser


def test_help_lists_the_self_test(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--self-test", "--self-test-png PNG", "--version"):
        assert option in out
    for command in ("check", "import-traffic", "export-traffic", "track", "passes", "windows"):
        assert command in out


def test_the_self_test_options_are_the_ones_the_app_reads(tmp_path):
    args = build_gui_parser().parse_args(["plan.issplan", "--self-test", "--self-test-png", str(tmp_path / "a.png")])
    assert (args.file, args.self_test, args.self_test_png) == ("plan.issplan", True, str(tmp_path / "a.png"))


def test_an_unknown_option_of_the_app_is_one_line(capsys):
    assert main(["--selftest"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "planner: unrecognized arguments: --selftest (see planner --help)\n"

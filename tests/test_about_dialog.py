"""The About dialog: versions, the shipped model's command, credits."""
from digitlab.gui.about_dialog import AboutDialog, train_command, versions
from digitlab.cli.args import build_parser


def test_the_train_command_reproduces_the_config():
    from digitlab.nn.training.trainer import TrainConfig
    config = TrainConfig(hidden_sizes=(512, 256), optimizer="momentum", lr=0.05,
                         schedule="cosine", epochs=30, augment=True, dropout=0.2,
                         drawn_digits=10000, seed=1)
    command = train_command(config.to_dict())
    assert command.startswith("digitlab train --hidden 512,256 ")
    args = build_parser().parse_args(command.split()[1:])
    again = TrainConfig(hidden_sizes=args.hidden, activation=args.activation, weight_init=args.init,
                        optimizer=args.optimizer, lr=args.lr, schedule=args.schedule,
                        batch_size=args.batch_size, epochs=args.epochs,
                        weight_decay=args.weight_decay, dropout=args.dropout,
                        augment=args.augment, train_size=args.train_size,
                        drawn_digits=args.drawn or 0, seed=args.seed, gradient=args.gradient,
                        dtype=args.dtype)
    assert again == config


def test_versions_name_everything_the_app_runs_on():
    assert set(versions()) == {"DigitLab", "Python", "Qt", "PySide6", "NumPy", "pyqtgraph"}


def test_the_dialog_lists_the_credits_and_the_shipped_model(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for words in ("Yann LeCun", "Corinna Cortes", "Christopher J.C. Burges", "CC BY-SA 3.0",
                  "Saitoh Koki", "O'Reilly Japan", "Hanbit Media", "sample_weight.pkl", "MIT",
                  "digitlab train --hidden 512,256", "PySide6", "pyqtgraph", "NumPy"):
        assert words in text, words
    assert "99." in text   # the shipped model's accuracy, from its metadata


def test_the_training_command_is_shown_whole_without_sideways_scrolling(qtbot):
    from digitlab.gui.about_dialog import shipped_model_facts
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    command = shipped_model_facts()[1]
    assert len(command) > 60          # longer than a line of the dialog: it has to wrap
    assert dialog.text.horizontalScrollBar().maximum() == 0
    assert " ".join(command.split()) in " ".join(dialog.text.toPlainText().split())

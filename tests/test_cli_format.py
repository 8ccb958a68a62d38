"""cli/format.py: the progress bar's history and epoch lines, the closing summary."""


def test_train_progress_history_and_epoch_lines():
    import io

    from digitlab.cli.format import TrainProgress, format_train_summary
    from digitlab.nn.training.trainer import EpochEvent, FinishedEvent, IterationEvent

    events = [IterationEvent(1, 1, 2.0, 0.1, 500.0, 4, 0.2),
              IterationEvent(2, 1, 1.0, 0.1, 500.0, 4, 0.4),
              EpochEvent(1, 2, 0.5, 0.25, 0.5, 400.0),
              IterationEvent(3, 2, 0.5, 0.1, 500.0, 4, 0.6),
              FinishedEvent("stopped", "Training stopped.", 1, 0.25)]
    out = io.StringIO()
    progress = TrainProgress(2, out)
    assert progress.follow(iter(events)) is events[-1]
    assert progress.history == [{"epoch": 1, "loss": 1.5, "train_accuracy": 0.5,
                                 "test_accuracy": 0.25, "seconds": 0.5, "samples_per_sec": 400.0}]
    assert out.getvalue().startswith("epoch 1/2  loss 1.5000  train acc 0.5000  test acc 0.2500")
    text = format_train_summary({"finished": "stopped", "message": "Training stopped.",
                                 "test_accuracy": 0.25, "epochs_done": 1,
                                 "seconds_per_epoch": 0.5, "model": "m.npz"})
    assert text.splitlines() == ["training stopped: Training stopped.",
                                 "test accuracy 0.2500 after 1 epoch(s)", "0.50 s per epoch",
                                 "model saved to m.npz"]

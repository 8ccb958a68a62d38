"""Learning (the book's ch. 4 and 6): optimizers and schedules, the training configuration, the
trainer and its progress records, evaluation, fine-tuning, presets and the memory budget of a run."""

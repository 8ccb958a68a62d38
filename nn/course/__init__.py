"""The course's results beside the code that computes them (Deep Learning from Scratch, ch. 3-4).

    from digitlab.nn.course import LISTINGS, format_value
    listing = LISTINGS["gradient_descent"]
    variables = listing.run(lr=10.0)
    listing.shown(variables)          # {"x": "[-2.58983747e+13 -1.29524862e+12]"}
    listing.course_values({"lr": 10.0})   # the same: what the book prints
    descent_freeze(variables["path"]).explanation(10.0)

Listings run nn's own functions (nn.functions, nn.losses, nn.gradient, nn.network).
"""
from __future__ import annotations

import types

from digitlab.nn.course.chapter3 import BATCH_INFERENCE, INFERENCE, textbook_inputs
from digitlab.nn.course.chapter4 import (CROSS_ENTROPY_ERROR, GRADIENT_DESCENT, MEAN_SQUARED_ERROR,
                                NUMERICAL_DIFF, NUMERICAL_GRADIENT, PARTIAL_DERIVATIVES,
                                SIMPLE_NET)
from digitlab.nn.course.explain import (Freeze, SimpleNetDigits, book_W, descent_freeze,
                               simplenet_digits)
from digitlab.nn.course.listing import CourseCase, Listing, describe, format_value
from digitlab.nn.course.training_loop import training_loop_listing
from digitlab.nn.training.presets import course_config

# The course's training loop: the code of the "Course setup" run (nn.training.presets), made from its config.
TRAINING_LOOP = training_loop_listing(course_config(), "training_loop",
                                      "Training the two-layer network with mini-batches")

# In the order the course introduces them.
LISTINGS = types.MappingProxyType({listing.name: listing for listing in (
    INFERENCE, BATCH_INFERENCE, MEAN_SQUARED_ERROR, CROSS_ENTROPY_ERROR, NUMERICAL_DIFF,
    PARTIAL_DERIVATIVES, NUMERICAL_GRADIENT, GRADIENT_DESCENT, SIMPLE_NET, TRAINING_LOOP)})

__all__ = ["LISTINGS", "CourseCase", "Freeze", "Listing", "SimpleNetDigits", "book_W",
           "descent_freeze", "describe", "format_value", "simplenet_digits", "textbook_inputs",
           "training_loop_listing"]

"""The course's numeric tools (the book's ch. 4): numerical differentiation, the numerical
gradient, and what the numerical gradient of a whole network costs."""

//! Stage 5, render.

//! Stage 4, codegen.

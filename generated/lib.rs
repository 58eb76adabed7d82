//! placeholder until the generator writes this file

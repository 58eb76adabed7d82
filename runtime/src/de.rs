//! Lenient deserializers for what real answers send: booleans as `"True"`, numbers as strings,
//! timestamps in several spellings. Generated response types use them with `deserialize_with`.

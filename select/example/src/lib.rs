//! Two APIs of two providers, compiled here from yunapi's generated modules: `crate::aliyun` and
//! `crate::jdcloud` hold what `yunapi::aliyun` and `yunapi::jdcloud` would, for these APIs only.

include!(concat!(env!("OUT_DIR"), "/yunapi.rs"));

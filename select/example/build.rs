//! Selects the APIs this crate compiles. They come from the client the generator's golden test
//! generates from its fixture pages (`generator/tests/golden/code`), not from specs/, so that adding
//! or removing a page under specs/ never breaks this crate; a real crate leaves out `.generated()`
//! and selects from the `yunapi` it depends on.

fn main() {
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generator/tests/golden/code");
    yunapi_select::Selection::new()
        .generated(&golden)
        .api("aliyun", "CreateDisk")
        .api("jdcloud", "deleteDisk")
        .write()
        .unwrap_or_else(|e| panic!("{e}"));
}

//! Regenerates generated/ from specs/ and templates/ when they change (see README, "build.rs").

fn main() {
    println!("cargo::rerun-if-changed=specs");
    println!("cargo::rerun-if-changed=templates");
}

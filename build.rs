//! Embeds every reference-data file under `data/` (lexicons, processor catalogue, CLDR tables)
//! into the library, so that adding a language or a catalogue file is adding a file: no code changes.
use std::{env, fs, path::Path};

const DIRS: &[&str] = &["data/lexicons", "data/processors", "data/cldr"];
const SINGLE: &[&str] = &["data/gdpr.toml", "data/legal_forms.toml"];

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("data_files.rs");
    let root = env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut entries = Vec::new();
    for dir in DIRS {
        println!("cargo:rerun-if-changed={dir}");
        let mut names: Vec<_> = fs::read_dir(Path::new(&root).join(dir))
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.retain(|n| n.ends_with(".toml") || n.ends_with(".json"));
        names.sort();
        entries.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    for f in SINGLE {
        println!("cargo:rerun-if-changed={f}");
        entries.push((*f).to_string());
    }
    let mut code = String::from(
        "/// (path relative to the crate root, contents) of every embedded data file.\n",
    );
    code.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for e in &entries {
        code.push_str(&format!(
            "    ({e:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{e}\"))),\n"
        ));
    }
    code.push_str("];\n");
    fs::write(out, code).expect("write data_files.rs");
}

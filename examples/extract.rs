//! Print the record of each file given on the command line as one JSON line.
//! `cargo run --release --example extract -- FILE...`
fn main() {
    for path in std::env::args().skip(1) {
        match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| polidex::extract(&b, None).map_err(|e| e.to_string()))
        {
            Ok(p) => println!("{}", p.to_json()),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}

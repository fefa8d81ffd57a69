//! Refreshes the price table from downloaded AWS Price List bulk offer files:
//!
//! ```console
//! $ cargo run -q --example price_table -- offers/*.json
//! ```
//!
//! prints, for each price tfgen's table (`src/cost/prices.rs`) has, the figure
//! the offer files hold as a `prices.rs` row with the offer's SKU, its
//! publication date and whether it changed. docs/cost.md says which files to
//! download (public, no credentials). Reads files only: no network.

use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: cargo run --example price_table -- OFFER.json …");
        return ExitCode::from(2);
    }
    let mut prices = Vec::new();
    for path in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        };
        match tfgen::cost::offers::read_offer(&text) {
            Ok(found) => prices.extend(found),
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    prices.sort_by(|a, b| (&a.region, &a.sku).cmp(&(&b.region, &b.sku)));
    print!("{}", tfgen::cost::offers::render(&prices));
    ExitCode::SUCCESS
}

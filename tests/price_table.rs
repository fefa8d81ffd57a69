//! The price-table refresh (`cargo run --example price_table -- OFFER.json …`)
//! on small fixtures cut in the format of the AWS Price List bulk offer files
//! (tests/fixtures/offers/: `offerCode`, `publicationDate`, `products` with
//! `attributes.usagetype` and `regionCode`, `terms.OnDemand` with
//! `priceDimensions`; SKUs are readable placeholders). No network.

use tfgen::cost::offers::{read_offer, render};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/offers/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

#[test]
fn rds_offer_yields_postgres_single_az_on_demand_prices_only() {
    let prices = read_offer(&fixture("AmazonRDS-ap-northeast-1.json")).expect("parses");
    let skus: Vec<(&str, &str)> = prices
        .iter()
        .map(|p| (p.sku.as_str(), p.offer_sku.as_str()))
        .collect();
    // MySQL, Multi-AZ and the reserved-only r7g are left out.
    assert_eq!(
        skus,
        [
            ("AuroraIoMillion", "AURORAIOUSAGE005"),
            ("RdsInstanceHour(\"db.t4g.medium\")", "T4GMEDIUMPGSAZ01"),
            ("RdsStorageGbMonth", "GP3STORAGEPG0004"),
        ]
    );
    let medium = &prices[1];
    assert_eq!(medium.region, "ap-northeast-1");
    assert_eq!(medium.usd, 0.101);
    assert_eq!(medium.publication_date, "2025-06-04T00:00:00Z");
    assert_eq!(medium.table_usd, Some(0.101), "the corrected Tokyo price");
    // Aurora I/O is per request in the offer, per million in the table.
    assert!((prices[0].usd - 0.24).abs() < 1e-12);
}

#[test]
fn tiered_prices_take_the_first_paid_tier() {
    let prices = read_offer(&fixture("AmazonVPC-us-east-1.json")).expect("parses");
    let gb = prices
        .iter()
        .find(|p| p.sku == "EndpointGb")
        .expect("endpoint GB");
    assert_eq!(gb.usd, 0.01);
    let hours = prices
        .iter()
        .find(|p| p.sku == "EndpointAzHour")
        .expect("endpoint hours");
    assert_eq!((hours.usd, hours.unit.as_str()), (0.01, "Hrs"));
}

#[test]
fn the_printed_table_names_sku_date_and_change() {
    let changed = fixture("AmazonRDS-ap-northeast-1.json").replace("0.1010000000", "0.1050000000");
    let text = render(&read_offer(&changed).expect("parses"));
    assert!(text.starts_with("// ap-northeast-1\n"), "{text}");
    assert!(
        text.contains(
            "    (RdsInstanceHour(\"db.t4g.medium\"), 0.105), // AmazonRDS SKU T4GMEDIUMPGSAZ01, published 2025-06-04T00:00:00Z, per Hrs; table has 0.101\n"
        ),
        "{text}"
    );
    assert!(text.contains("(RdsStorageGbMonth, 0.138), // AmazonRDS SKU GP3STORAGEPG0004, published 2025-06-04T00:00:00Z, per GB-Mo; unchanged"));
}

#[test]
fn a_file_that_is_not_an_offer_is_an_error() {
    assert!(
        read_offer("{\"formatVersion\": \"v1.0\"}")
            .unwrap_err()
            .contains("offerCode")
    );
    assert!(read_offer("not json").is_err());
}

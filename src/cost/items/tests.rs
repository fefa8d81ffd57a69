//! One test per pricing rule, on small specs.

use crate::cost::prices::{RegionPrices, Sku};
use crate::cost::{CostError, Estimate, LineItem, estimate};
use crate::resolve::Resolved;

/// A minimal valid spec in us-east-1 with `extra` appended.
fn spec(extra: &str) -> Resolved {
    let text = format!(
        "version: 1\nproject: demo\nenvironment: test\nregion: us-east-1\nprofile: balanced\n\
         services:\n  web:\n    port: 3000\n{extra}"
    );
    let checked = crate::spec::check(text.as_bytes());
    checked
        .resolved
        .unwrap_or_else(|| panic!("invalid test spec: {:?}", checked.diagnostics))
}

fn cost(extra: &str) -> Estimate {
    estimate(&spec(extra)).expect("priced")
}

fn line<'a>(e: &'a Estimate, starts: &str) -> Option<&'a LineItem> {
    e.lines.iter().find(|l| l.item.starts_with(starts))
}

fn us_east_1(sku: Sku) -> f64 {
    RegionPrices::of("us-east-1").unwrap().get(sku).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.006
}

#[test]
fn fargate_bills_vcpu_and_gb_hours_at_baseline_and_peak() {
    // balanced: 1 vCPU / 2 GB, desired 1, max 10, no schedule.
    let e = cost("");
    let vcpu = line(&e, "Fargate vCPU (web").expect("vCPU line");
    assert_eq!(
        (vcpu.baseline_quantity, vcpu.peak_quantity),
        (730.0, 7300.0)
    );
    assert!(close(
        vcpu.baseline_usd,
        730.0 * us_east_1(Sku::FargateVcpuHour)
    ));
    let gb = line(&e, "Fargate memory (web").expect("memory line");
    assert_eq!((gb.baseline_quantity, gb.peak_quantity), (1460.0, 14600.0));
}

#[test]
fn spot_services_keep_one_task_on_demand() {
    // balanced: desired 1, max 10: the base task on demand, up to 9 on Spot.
    let e = cost("    spot: true\n");
    let on_demand = line(&e, "Fargate vCPU (web").expect("on-demand base line");
    assert_eq!(
        (on_demand.baseline_quantity, on_demand.peak_quantity),
        (730.0, 730.0)
    );
    let spot = line(&e, "Fargate Spot vCPU (web").expect("spot line");
    assert_eq!(
        (spot.baseline_quantity, spot.peak_quantity),
        (0.0, 9.0 * 730.0)
    );
    assert!(close(
        spot.peak_usd,
        9.0 * 730.0 * us_east_1(Sku::FargateSpotVcpuHour)
    ));
}

#[test]
fn spot_only_services_are_priced_as_spot() {
    let e = cost("    spot: true\n    spot_only: true\n");
    assert!(line(&e, "Fargate vCPU").is_none());
    let vcpu = line(&e, "Fargate Spot vCPU (web").expect("spot line");
    assert!(close(
        vcpu.baseline_usd,
        730.0 * us_east_1(Sku::FargateSpotVcpuHour)
    ));
    let gb = line(&e, "Fargate Spot memory (web").expect("spot line");
    assert!(close(
        gb.baseline_usd,
        1460.0 * us_east_1(Sku::FargateSpotGbHour)
    ));
    assert!(vcpu.unit_price < us_east_1(Sku::FargateVcpuHour) / 2.0);
}

#[test]
fn the_schedule_scales_task_hours() {
    let e = cost("schedule: { days: MON-FRI, start: \"09:00\", stop: \"22:00\" }\n");
    let vcpu = line(&e, "Fargate vCPU (web").unwrap();
    assert!((282.3..282.6).contains(&vcpu.baseline_quantity), "{vcpu:?}");
    // In the region's own time zone (the test spec is in us-east-1).
    assert!(e.schedule.as_deref() == Some("MON-FRI 09:00-22:00 America/New_York"));
    // The ALB and the database run all month regardless.
    assert_eq!(line(&e, "ALB").unwrap().baseline_quantity, 730.0);
}

#[test]
fn multi_az_doubles_the_rds_instance_and_storage() {
    let single = cost("database: { engine: postgres, instance_class: db.t4g.micro }\n");
    let multi =
        cost("database: { engine: postgres, instance_class: db.t4g.micro, multi_az: true }\n");
    let one = line(&single, "RDS PostgreSQL db.t4g.micro").unwrap();
    let two = line(&multi, "RDS PostgreSQL db.t4g.micro Multi-AZ").unwrap();
    assert_eq!(one.baseline_quantity, 730.0);
    assert_eq!(two.baseline_quantity, 1460.0);
    assert!(close(two.baseline_usd, 2.0 * one.baseline_usd));
    let s1 = line(&single, "RDS gp3 storage").unwrap();
    let s2 = line(&multi, "RDS gp3 storage Multi-AZ").unwrap();
    assert!(close(s2.baseline_usd, 2.0 * s1.baseline_usd));
}

#[test]
fn aurora_bills_acu_hours_per_instance_between_min_and_max() {
    let e = cost(
        "database: { engine: aurora_postgres, min_capacity: 0.5, max_capacity: 4, readers: 2 }\n",
    );
    let acu = line(&e, "Aurora Serverless v2 (writer + 2 readers").unwrap();
    assert_eq!(acu.baseline_quantity, 0.5 * 3.0 * 730.0);
    assert_eq!(acu.peak_quantity, 4.0 * 3.0 * 730.0);
    assert!(close(
        acu.baseline_usd,
        1095.0 * us_east_1(Sku::AuroraAcuHour)
    ));
    // Storage is one cluster volume, not per instance.
    assert_eq!(line(&e, "Aurora storage").unwrap().baseline_quantity, 20.0);
}

#[test]
fn aurora_min_zero_pauses_to_nothing_at_baseline() {
    let e = cost(
        "database: { engine: aurora_postgres, min_capacity: 0, max_capacity: 2, readers: 0 }\n",
    );
    let acu = line(&e, "Aurora Serverless v2 (writer,").unwrap();
    assert_eq!((acu.baseline_usd, acu.peak_quantity), (0.0, 1460.0));
}

#[test]
fn nat_gateways_follow_the_layout() {
    let none = cost("network: { nat: none }\n");
    assert!(line(&none, "NAT gateway").is_none());
    let single = cost("network: { nat: single, azs: 3 }\n");
    assert_eq!(
        line(&single, "NAT gateway × 1").unwrap().baseline_quantity,
        730.0
    );
    let per_az = cost("network: { nat: per_az, azs: 3 }\n");
    let nat = line(&per_az, "NAT gateway × 3").unwrap();
    assert_eq!(nat.baseline_quantity, 3.0 * 730.0);
    assert!(close(nat.baseline_usd, 2190.0 * us_east_1(Sku::NatHour)));
    // Data processed is one assumption, whatever the number of gateways.
    assert_eq!(
        line(&per_az, "NAT gateway data").unwrap().baseline_quantity,
        20.0
    );
}

#[test]
fn interface_endpoints_bill_per_endpoint_per_az() {
    let e = cost("network: { azs: 3, endpoints: [s3, ecr, logs] }\n");
    let ep = line(&e, "Interface endpoints (ecr.api, ecr.dkr, logs) × 3 AZs").unwrap();
    assert_eq!(ep.baseline_quantity, 3.0 * 3.0 * 730.0);
    assert!(close(
        ep.baseline_usd,
        6570.0 * us_east_1(Sku::EndpointAzHour)
    ));
    // The S3 gateway endpoint is free: with only it, no endpoint lines.
    let s3 = cost("network: { endpoints: [s3] }\n");
    assert!(line(&s3, "Interface endpoint").is_none());
}

#[test]
fn without_nat_tasks_and_the_bastion_hold_public_ipv4_addresses() {
    let e = cost("network: { nat: none, azs: 2 }\n");
    let ip = line(&e, "Public IPv4").unwrap();
    // 2 ALB + 1 bastion all month, plus 1 → 10 tasks.
    assert_eq!(ip.baseline_quantity, 4.0 * 730.0);
    assert_eq!(ip.peak_quantity, 13.0 * 730.0);
    let nat = cost("network: { nat: single, azs: 2 }\n");
    let ip = line(&nat, "Public IPv4").unwrap();
    assert_eq!((ip.baseline_quantity, ip.peak_quantity), (2190.0, 2190.0));
}

#[test]
fn waf_bills_the_acl_each_rule_and_requests() {
    let e = cost(
        "access: { waf: { enabled: true, rate_limit: 0, managed_rules: [common, sqli] } }\ncost: { requests_per_month: 5000000 }\n",
    );
    assert_eq!(line(&e, "WAF web ACL").unwrap().baseline_usd, 5.0);
    assert_eq!(line(&e, "WAF rules (2 managed)").unwrap().baseline_usd, 2.0);
    assert!(close(line(&e, "WAF requests").unwrap().baseline_usd, 3.0));
    let assumption = e
        .assumptions
        .iter()
        .find(|a| a.path == "cost.requests_per_month")
        .unwrap();
    assert_eq!(
        (assumption.value, assumption.origin.as_str()),
        (5e6, "spec")
    );
}

#[test]
fn datadog_bills_concurrent_fargate_tasks_and_no_database_hosts() {
    // balanced: desired 1, max 10, no schedule: 1 → 10 concurrent tasks.
    let e = cost(
        "database: { engine: aurora_postgres, readers: 1 }\nmonitoring: { datadog: { enabled: true } }\n",
    );
    let infra = line(&e, "Datadog Infrastructure").unwrap();
    assert_eq!((infra.baseline_quantity, infra.peak_quantity), (1.0, 10.0));
    assert_eq!((infra.baseline_usd, infra.peak_usd), (1.0, 10.0));
    let apm = line(&e, "Datadog APM").unwrap();
    assert_eq!((apm.baseline_usd, apm.peak_usd), (6.0, 60.0));
    assert_eq!(apm.price_read_on, crate::cost::prices::DATADOG_READ_ON);
    assert!(!infra.item.contains("database"));
}

#[test]
fn datadog_concurrency_follows_the_schedule() {
    // Two tasks running MON-FRI 09:00-22:00 (282.44 of 730 h) are 0.77 concurrent tasks.
    let e = cost(
        "  api:\n    port: 3001\n    path: /api/*\nschedule: { timezone: Asia/Tokyo, days: MON-FRI, start: \"09:00\", stop: \"22:00\" }\n\
         monitoring: { datadog: { enabled: true } }\n",
    );
    let infra = line(&e, "Datadog Infrastructure").unwrap();
    let expected = 2.0 * e.ecs_hours_per_month / 730.0;
    assert!(
        (infra.baseline_quantity - expected).abs() < 0.001,
        "{infra:?}"
    );
    assert!((0.77..0.78).contains(&infra.baseline_quantity));
    let apm = line(&e, "Datadog APM").unwrap();
    assert!(close(apm.baseline_usd, expected * 6.0));
}

#[test]
fn cognito_bills_every_mau_no_free_tier() {
    let e = cost("auth: { enabled: true }\ncost: { cognito_mau: 1000 }\n");
    let c = line(&e, "Cognito").unwrap();
    assert_eq!(c.baseline_quantity, 1000.0);
    assert!(close(c.baseline_usd, 1000.0 * us_east_1(Sku::CognitoMau)));
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("Free tiers are not applied"))
    );
}

#[test]
fn spot_lines_print_the_floating_price_note_with_the_observed_date() {
    let e = cost("    spot: true\n");
    let spot = e
        .notes
        .iter()
        .find(|n| n.contains("Spot prices float"))
        .expect("note");
    assert!(spot.contains("2026-09-28"), "{spot}");
    let vcpu = line(&e, "Fargate Spot vCPU").unwrap();
    assert_eq!(vcpu.unit_price, 0.01288871);
    assert!(cost("").notes.iter().all(|n| !n.contains("Spot")));
}

#[test]
fn totals_are_the_sum_of_the_rounded_lines() {
    let e = cost("cdn: { enabled: true }\nauth: { enabled: true }\n");
    let sum: f64 = e.lines.iter().map(|l| l.baseline_usd).sum();
    assert!((sum - e.baseline_total).abs() < 1e-6);
    assert!(e.peak_total >= e.baseline_total);
    assert!(line(&e, "CloudFront data").is_some() && line(&e, "Data transfer out").is_none());
    assert!(line(&e, "Cognito").is_some());
}

#[test]
fn an_unpriced_region_is_an_error_naming_the_priced_ones() {
    let mut r = spec("");
    r.region = crate::spec::model::Region::SaEast1;
    let err = estimate(&r).unwrap_err();
    assert!(matches!(err, CostError::UnpricedRegion { .. }));
    let message = err.to_string();
    assert!(message.contains("sa-east-1") && message.contains("ap-northeast-1, eu-central-1"));
}

#[test]
fn an_unpriced_instance_class_is_an_error_not_a_zero() {
    let r = spec("database: { engine: postgres, instance_class: db.x2iedn.32xlarge }\n");
    let err = estimate(&r).unwrap_err().to_string();
    assert!(
        err.contains("db.x2iedn.32xlarge") && err.contains("db.t4g.micro"),
        "{err}"
    );
}

#[test]
fn the_environment_key_is_one_kms_key_month() {
    let e = cost("");
    let key = line(&e, "KMS customer-managed key").expect("KMS line");
    assert_eq!((key.baseline_quantity, key.peak_quantity), (1.0, 1.0));
    assert!(close(key.baseline_usd, us_east_1(Sku::KmsKeyMonth)));
}

#[test]
fn the_ssm_endpoint_is_the_three_endpoints_the_network_unit_creates() {
    let e = cost("network: { azs: 2, endpoints: [ssm] }\n");
    let ep = line(
        &e,
        "Interface endpoints (ssm, ssmmessages, ec2messages) × 2 AZs",
    )
    .expect("ssm endpoints line");
    assert_eq!(ep.baseline_quantity, 3.0 * 2.0 * 730.0);
}

#[test]
fn ecr_storage_counts_only_the_services_without_image() {
    let two = cost("  api:\n    port: 8080\n    path: /api/*\n    image: ghcr.io/acme/api:1\n");
    let ecr = line(&two, "ECR images").expect("web has a repository");
    assert_eq!(ecr.item, "ECR images (1 × 30 kept)");
    assert!(close(
        ecr.baseline_usd,
        30.0 * 0.3 * us_east_1(Sku::EcrGbMonth)
    ));
    let none = cost("    image: public.ecr.aws/nginx/nginx:1.27\n");
    assert!(line(&none, "ECR").is_none(), "no repository, no ECR line");
}

#[test]
fn arm64_tasks_take_the_arm_rate() {
    // us-east-1: Linux/ARM $0.03238 per vCPU-hour, $0.00356 per GB-hour.
    let e = cost("    platform: arm64\n");
    let vcpu = line(&e, "Fargate vCPU (web").expect("vCPU line");
    assert_eq!(vcpu.item, "Fargate vCPU (web, 1 vCPU/task, arm64)");
    assert!(close(vcpu.baseline_usd, 730.0 * 0.03238));
    assert!(vcpu.unit_price < us_east_1(Sku::FargateVcpuHour));
    let gb = line(&e, "Fargate memory (web").expect("memory line");
    assert!(close(gb.baseline_usd, 1460.0 * 0.00356));
}

/// Every priced region has its Linux/ARM rates: 20 % (±1 %) below x86 on demand, and
/// on Spot the 30 %-of-on-demand estimate (no ARM Spot price was observed).
#[test]
fn every_region_prices_arm_a_fifth_below_x86() {
    for region in crate::cost::prices::priced_regions() {
        let p = RegionPrices::of(region).unwrap();
        for (arm, x86, arm_spot) in [
            (
                Sku::FargateArmVcpuHour,
                Sku::FargateVcpuHour,
                Sku::FargateArmSpotVcpuHour,
            ),
            (
                Sku::FargateArmGbHour,
                Sku::FargateGbHour,
                Sku::FargateArmSpotGbHour,
            ),
        ] {
            let (arm, x86, spot) = (
                p.get(arm).unwrap(),
                p.get(x86).unwrap(),
                p.quote(arm_spot).unwrap(),
            );
            assert!(
                (0.79..=0.81).contains(&(arm / x86)),
                "{region}: {arm} vs {x86}"
            );
            assert!(
                close(spot.usd, 0.3 * arm) && spot.spot_estimate,
                "{region}: {spot:?}"
            );
        }
    }
}

/// Fargate Spot runs arm64 tasks (since 2024-09-06): an arm64 Spot service is
/// priced at the ARM Spot rate (30 % of the ARM on-demand rate, an estimate)
/// beside its on-demand base task at the ARM rate.
#[test]
fn arm64_spot_tasks_take_the_arm_spot_rate() {
    let text = "version: 1\nproject: demo\nenvironment: test\nregion: ap-northeast-1\nprofile: minimal\n\
                access: { allowed_cidrs: [203.0.113.10/32] }\n\
                services:\n  web:\n    port: 3000\n    platform: arm64\n    spot: true\n    scaling: { min: 1, max: 3 }\n";
    let checked = crate::spec::check(text.as_bytes());
    let e = estimate(&checked.resolved.expect("arm64 + spot is valid")).expect("priced");
    let spot = line(&e, "Fargate Spot vCPU (web").expect("Spot vCPU line");
    assert_eq!(spot.item, "Fargate Spot vCPU (web, 0.25 vCPU/task, arm64)");
    assert!(close(spot.unit_price, 0.3 * 0.04045));
    let base = line(&e, "Fargate vCPU (web").expect("on-demand base line");
    assert!(close(base.unit_price, 0.04045));
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("30 % of on-demand, an estimate"))
    );
}

//! The time zone of each region tfgen accepts: where `schedule.timezone`
//! defaults to, so business hours are the region's own whatever its profile.

use super::model::Region;

/// The IANA time zone of the city or country that hosts `region` (AWS names
/// it in the region's display name, e.g. "Europe (Ireland)"). A match, so a
/// region added to [`Region`] does not compile without its zone.
pub fn region_time_zone(region: Region) -> &'static str {
    match region {
        Region::UsEast1 => "America/New_York",     // N. Virginia
        Region::UsEast2 => "America/New_York",     // Ohio
        Region::UsWest1 => "America/Los_Angeles",  // N. California
        Region::UsWest2 => "America/Los_Angeles",  // Oregon
        Region::AfSouth1 => "Africa/Johannesburg", // Cape Town
        Region::ApEast1 => "Asia/Hong_Kong",
        Region::ApEast2 => "Asia/Taipei",
        Region::ApSouth1 => "Asia/Kolkata", // Mumbai
        Region::ApSouth2 => "Asia/Kolkata", // Hyderabad
        Region::ApSoutheast1 => "Asia/Singapore",
        Region::ApSoutheast2 => "Australia/Sydney",
        Region::ApSoutheast3 => "Asia/Jakarta",
        Region::ApSoutheast4 => "Australia/Melbourne",
        Region::ApSoutheast5 => "Asia/Kuala_Lumpur", // Malaysia
        Region::ApSoutheast7 => "Asia/Bangkok",      // Thailand
        Region::ApNortheast1 => "Asia/Tokyo",
        Region::ApNortheast2 => "Asia/Seoul",
        Region::ApNortheast3 => "Asia/Tokyo",    // Osaka
        Region::CaCentral1 => "America/Toronto", // Canada (Central), Montréal
        Region::CaWest1 => "America/Edmonton",   // Calgary
        Region::EuCentral1 => "Europe/Berlin",   // Frankfurt
        Region::EuCentral2 => "Europe/Zurich",
        Region::EuWest1 => "Europe/Dublin", // Ireland
        Region::EuWest2 => "Europe/London",
        Region::EuWest3 => "Europe/Paris",
        Region::EuSouth1 => "Europe/Rome",   // Milan
        Region::EuSouth2 => "Europe/Madrid", // Spain
        Region::EuNorth1 => "Europe/Stockholm",
        Region::IlCentral1 => "Asia/Jerusalem", // Tel Aviv
        Region::MeSouth1 => "Asia/Bahrain",
        Region::MeCentral1 => "Asia/Dubai", // UAE
        Region::MxCentral1 => "America/Mexico_City",
        Region::SaEast1 => "America/Sao_Paulo",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every region code of the schema, as a `Region`.
    fn regions() -> Vec<Region> {
        let schema = crate::spec::schema::json_schema();
        let codes = schema
            .pointer("/$defs/Region/enum")
            .and_then(Value::as_array)
            .expect("the schema lists the regions");
        codes
            .iter()
            .map(|c| serde_json::from_value(c.clone()).expect("a Region"))
            .collect()
    }

    #[test]
    fn every_region_has_a_zone_chrono_tz_knows() {
        let regions = regions();
        assert!(regions.len() >= 33, "{regions:?}");
        for region in regions {
            let zone = region_time_zone(region);
            assert!(
                zone.parse::<chrono_tz::Tz>().is_ok(),
                "{}: {zone}",
                region.code()
            );
        }
    }

    #[test]
    fn zones_follow_the_region_not_the_seed() {
        assert_eq!(region_time_zone(Region::EuWest1), "Europe/Dublin");
        assert_eq!(region_time_zone(Region::UsEast1), "America/New_York");
        assert_eq!(region_time_zone(Region::ApNortheast1), "Asia/Tokyo");
        assert_eq!(region_time_zone(Region::SaEast1), "America/Sao_Paulo");
    }
}

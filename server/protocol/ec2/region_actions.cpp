// DescribeRegions and DescribeAvailabilityZones.
#include "core/aws_error.hpp"
#include "ec2/regions.hpp"
#include "protocol/ec2/ec2_api.hpp"

namespace ebs::protocol::ec2 {
namespace {

bool selected(const std::vector<std::string>& wanted, const std::string& value) {
  if (wanted.empty()) return true;
  for (const auto& w : wanted) {
    if (filter_value_matches(w, value)) return true;
  }
  return false;
}

bool passes(const std::vector<Filter>& filters, const std::string& name, const std::string& value) {
  for (const auto& f : filters) {
    if (f.name == name && !selected(f.values, value)) return false;
  }
  return true;
}

void describe_regions(const QueryParams& params, const RequestContext&, XmlWriter& xml) {
  auto names = params.list("RegionName");
  auto filters = params.filters();
  for (const auto& f : filters) {
    if (f.name != "region-name" && f.name != "endpoint" && f.name != "opt-in-status") {
      throw AwsError("InvalidParameterValue", "The filter '" + f.name + "' is invalid");
    }
  }
  for (const auto& n : names) {
    if (!ebs::ec2::is_region(n)) {
      throw AwsError("InvalidParameterValue", "Invalid region: " + n);
    }
  }
  xml.open("regionInfo");
  for (const auto& region : ebs::ec2::region_names()) {
    std::string endpoint = "ec2." + region + ".amazonaws.com";
    if (!selected(names, region) || !passes(filters, "region-name", region) ||
        !passes(filters, "endpoint", endpoint) ||
        !passes(filters, "opt-in-status", "opt-in-not-required")) {
      continue;
    }
    xml.open("item")
        .element("regionName", region)
        .element("regionEndpoint", endpoint)
        .element("optInStatus", "opt-in-not-required")
        .close();
  }
  xml.close();
}

void describe_zones(const QueryParams& params, const RequestContext& ctx, XmlWriter& xml) {
  auto names = params.list("ZoneName");
  auto ids = params.list("ZoneId");
  auto filters = params.filters();
  for (const auto& n : names) {
    if (!ebs::ec2::is_zone_of(n, ctx.region)) {
      throw AwsError("InvalidParameterValue", "The zone '" + n + "' does not exist.");
    }
  }
  xml.open("availabilityZoneInfo");
  for (const auto& zone : ebs::ec2::zone_names(ctx.region)) {
    std::string id = ebs::ec2::zone_id(zone);
    if (!names.empty() || !ids.empty()) {
      bool wanted = false;
      for (const auto& n : names) wanted = wanted || n == zone;
      for (const auto& i : ids) wanted = wanted || i == id;
      if (!wanted) continue;
    }
    if (!passes(filters, "zone-name", zone) || !passes(filters, "zone-id", id) ||
        !passes(filters, "region-name", ctx.region) || !passes(filters, "state", "available") ||
        !passes(filters, "zone-type", "availability-zone")) {
      continue;
    }
    xml.open("item")
        .element("optInStatus", "opt-in-not-required")
        .element("zoneName", zone)
        .element("zoneId", id)
        .element("zoneState", "available")
        .element("regionName", ctx.region)
        .element("groupName", ctx.region)
        .element("networkBorderGroup", ctx.region)
        .element("zoneType", "availability-zone")
        .open("messageSet")
        .close()
        .close();
  }
  xml.close();
}

}  // namespace

QueryApi make_ec2_api() { return QueryApi("ec2", kXmlns, QueryApi::Style::kEc2); }

void register_region_actions(QueryApi& api) {
  api.add("DescribeRegions", describe_regions);
  api.add("DescribeAvailabilityZones", describe_zones);
}

}  // namespace ebs::protocol::ec2

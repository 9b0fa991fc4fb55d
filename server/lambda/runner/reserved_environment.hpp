// reserved_environment: the environment-variable keys Lambda reserves for itself. CreateFunction
// and UpdateFunctionConfiguration reject them with InvalidParameterValueException and the message
// returned here.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace ebs::lambda {

bool is_reserved_environment_key(const std::string& key);

// "Lambda was unable to configure your environment variables because the environment variables you
// have provided contains reserved keys that are currently not supported for modification. Reserved
// keys used in this request: AWS_REGION", or nothing when no key is reserved.
std::optional<std::string> reserved_environment_error(
    const std::map<std::string, std::string>& environment);

}  // namespace ebs::lambda

// lambda_runner: the public face of the local Lambda runner, in one include: the Runner, the unzip
// validation and the runtime checks the Lambda API needs at CreateFunction / UpdateFunctionCode.
#pragma once

#include "lambda/runner/function_spec.hpp"
#include "lambda/runner/invoke_result.hpp"
#include "lambda/runner/reserved_environment.hpp"
#include "lambda/runner/runner.hpp"
#include "lambda/runner/runner_config.hpp"
#include "lambda/runner/runtimes.hpp"
#include "lambda/runner/unzip.hpp"

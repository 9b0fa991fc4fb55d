# Installs tests/unit/lambda_runner/fixtures (package.json + package-lock.json) into DEST with npm ci,
# unless DEST already holds the same lock file. A failure is a warning: the tests that need the
# packages skip (or fail under CI=...) with a clear message.
#   cmake -DSRC=<fixtures folder> -DDEST=<build folder> -DNPM=<npm> -P install_npm_fixture.cmake
file(READ ${SRC}/package-lock.json wanted_lock)
if(EXISTS ${DEST}/package-lock.json AND EXISTS ${DEST}/node_modules/aws-sdk/package.json)
  file(READ ${DEST}/package-lock.json installed_lock)
  if(installed_lock STREQUAL wanted_lock)
    return()
  endif()
endif()
file(MAKE_DIRECTORY ${DEST})
file(COPY ${SRC}/package.json ${SRC}/package-lock.json ${SRC}/.npmrc DESTINATION ${DEST})
if(NOT NPM)
  message(WARNING "npm not found: the aws-sdk v2 tests of the lambda runner will be skipped")
  return()
endif()
execute_process(
  COMMAND ${NPM} ci --ignore-scripts --no-audit --no-fund --loglevel=error
  WORKING_DIRECTORY ${DEST}
  RESULT_VARIABLE npm_result
  OUTPUT_QUIET)
if(NOT npm_result EQUAL 0)
  file(REMOVE ${DEST}/package-lock.json)
  message(WARNING "npm ci failed (${npm_result}): the aws-sdk v2 tests of the lambda runner will be skipped")
endif()

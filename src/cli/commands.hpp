// Commands of the `mandate` command line that live in their own files.
// Each takes the arguments after its name and returns the exit code.
#pragma once

#include <span>
#include <string>

/// `mandate who PLAN QUERY …`: the responsibility graph (docs/graph.md).
/// Exit codes: 0 answered, 1 not found or the plan has errors, 2 usage or I/O.
int run_who(std::span<const std::string> arguments);

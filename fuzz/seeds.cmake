# Gathers the seed corpora of the fuzz targets from examples/ and tests/, so
# that no corpus is committed (docs/reliability.md). Run at build time:
#   cmake -DSOURCE_DIR=… -DOUTPUT_DIR=… -P fuzz/seeds.cmake
# OUTPUT_DIR/<target>/ gets one file per seed, named after its source path.

function(add_seeds target)
  foreach(pattern IN LISTS ARGN)
    file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/${pattern}")
    foreach(file IN LISTS files)
      string(REPLACE "/" "_" name "${file}")
      file(COPY_FILE "${SOURCE_DIR}/${file}" "${OUTPUT_DIR}/${target}/${name}")
    endforeach()
  endforeach()
endfunction()

file(REMOVE_RECURSE "${OUTPUT_DIR}")
foreach(target plan csv jsonl scenario evaluate)
  file(MAKE_DIRECTORY "${OUTPUT_DIR}/${target}")
endforeach()

add_seeds(plan "examples/*.plan" "tests/plans/*.plan" "benchmarks/*.plan")
add_seeds(csv "examples/*.csv" "tests/facts/*.csv")
add_seeds(jsonl "tests/facts/*.jsonl")
add_seeds(scenario "examples/*.scenario")
# The evaluation target reads facts written as in a scenario (fuzz/evaluate.cpp):
# the scenarios themselves, and the bundled facts of 2018 in one input.
add_seeds(evaluate "examples/*.scenario")
set(bundled "as_of 2019-03-31\nyears 2018\n")
foreach(kind units events titles measures published)
  file(READ "${SOURCE_DIR}/examples/shangluo-2018/facts/${kind}.csv" csv)
  string(APPEND bundled "\n${kind}:\n${csv}")
endforeach()
file(WRITE "${OUTPUT_DIR}/evaluate/bundled-2018" "${bundled}")
file(WRITE "${OUTPUT_DIR}/evaluate/bundled-2018-unexplained" "explanations none\n${bundled}")

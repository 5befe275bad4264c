#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar, runs the whole JMH suite with the settings of README.md
# (extra arguments go to JMH, e.g. a benchmark regex), and prints the tables with ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 1s -prof gc \
    -rf json -rff benchmarks/target/jmh.json "$@" | tee benchmarks/target/jmh.txt
python3 benchmarks/report.py benchmarks/target/jmh.json

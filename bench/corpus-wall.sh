#!/bin/sh
# Wall time of compiling the whole corpus with the seccomp-gen binary, one
# process per policy as a build does (process start included).
tool=$1 corpus=$2
start=$(date +%s.%N)
n=0
for dir in "$corpus"/*/; do
	arch=$(basename "$dir")
	for p in "$dir"*.policy; do
		"$tool" --arch "$arch" --default-action trap --include-map "/usr/share/policy/crosvm=$dir" -o /dev/null "$p" || echo "failed: $p"
		n=$((n + 1))
	done
done
end=$(date +%s.%N)
echo "$n policies compiled by $tool, one process each: $(echo "$end - $start" | bc 2>/dev/null || awk "BEGIN{print $end - $start}") s wall"

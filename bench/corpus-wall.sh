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
echo "$n policies compiled by $tool, one process each: $(awk "BEGIN{printf \"%.3f\", $end - $start}") s wall"
# The same, one process per arch (several policies a call, as a build
# with a name-to-program table does).
start=$(date +%s.%N)
for dir in "$corpus"/*/; do
	arch=$(basename "$dir")
	"$tool" --arch "$arch" --default-action trap --include-map "/usr/share/policy/crosvm=$dir" -o /dev/null "$dir"*.policy ||
		echo "failed: $dir"
done
end=$(date +%s.%N)
echo "$n policies compiled by $tool, one process per arch: $(awk "BEGIN{printf \"%.3f\", $end - $start}") s wall"
start=$(date +%s.%N)
for i in $(seq "$n"); do /bin/true; done
end=$(date +%s.%N)
echo "(for scale: $n runs of /bin/true take $(awk "BEGIN{printf \"%.3f\", $end - $start}") s on this machine)"

# Run by busybox sh in the container: one line of results per call.
busybox echo allowed; echo "echo $?"
busybox mkdir /tmp/d 2>&1; echo "mkdir $?"
busybox touch /tmp/f; busybox chmod 644 /tmp/f 2>&1; echo "chmod 644 $?"
busybox chmod 777 /tmp/f 2>&1; echo "chmod 777 $?"
busybox hostname box 2>&1; echo "hostname $?"

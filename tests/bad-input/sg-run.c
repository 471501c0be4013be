/* sg-run REPORT SECONDS COMMAND [ARG...]: runs COMMAND with standard
 * input from /dev/null, kills it after SECONDS, and writes to REPORT
 * "STATUS MAXRSS_KB": the exit status (128 + N for a signal N, "timeout"
 * if it was killed for taking too long) and the peak resident memory
 * (getrusage's ru_maxrss of the child).  A helper of tests/bad-input.sh,
 * which may run where /usr/bin/time is not installed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: sg-run REPORT SECONDS COMMAND [ARG...]\n");
		return 2;
	}
	int seconds = atoi(argv[2]);
	pid_t pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd >= 0)
			dup2(fd, 0);
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	struct rusage ru;
	int status = 0, timed_out = 0;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		pid_t r = wait4(pid, &status, WNOHANG, &ru);
		if (r == pid)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!timed_out && now.tv_sec - start.tv_sec >= seconds) {
			kill(pid, SIGKILL);
			timed_out = 1;
		}
		nanosleep(&(struct timespec){ 0, 2000000 }, NULL);
	}
	FILE *f = fopen(argv[1], "w");
	if (!f)
		return 2;
	if (timed_out)
		fprintf(f, "timeout %ld\n", ru.ru_maxrss);
	else
		fprintf(f, "%d %ld\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), ru.ru_maxrss);
	fclose(f);
	return 0;
}

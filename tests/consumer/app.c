/* A program that sandboxes its two threads with filters seccomp-gen made
 * at build time (sandbox.c, from main.policy and worker.policy):
 *
 *   app              each thread does allowed work and the worker makes one
 *                    denied call; exits 0
 *   app open-main    the main thread then opens a file: killed by SIGSYS
 *   app open-worker  the worker thread does: killed by SIGSYS
 *
 * Each thread installs its own filter, which covers that thread only. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <seccomp-gen/install.h>

#include "sandbox.h"

static const char *mode = "";
static int report[2], hold[2];

/* After a filter is in place only write(2) is certain to be allowed;
 * stdio could make other syscalls. */
static void say(int fd, const char *text)
{
	if (write(fd, text, strlen(text)) < 0)
		_exit(3);
}

static void *worker(void *arg)
{
	char line[160];
	(void)arg;
	int rc = seccomp_gen_install_named(sandbox_filters, "worker", 0);
	if (rc < 0) {
		snprintf(line, sizeof(line), "worker: no filter: %s\n", strerror(-rc));
		say(report[1], line);
		return NULL;
	}
	if (strcmp(mode, "open-worker") == 0)
		open("/dev/null", O_RDONLY);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int err = errno;
	snprintf(line, sizeof(line), "worker: pid %ld; socket() = %d (%s)\n", (long)getpid(), fd,
		 fd >= 0 ? "allowed" : err == EACCES ? "EACCES, denied by its filter" : "another error");
	say(report[1], line);
	/* Nothing is ever written to hold: the worker waits here until the
	 * main thread ends the process. */
	char c;
	while (read(hold[0], &c, 1) > 0)
		;
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t thread;
	char line[160];
	mode = argc > 1 ? argv[1] : "";
	if (pipe(report) || pipe(hold) || pthread_create(&thread, NULL, worker, NULL)) {
		perror("app");
		return 1;
	}
	ssize_t len = read(report[0], line, sizeof(line) - 1);
	if (len <= 0)
		return 1;
	line[len] = '\0';
	int rc = seccomp_gen_install_named(sandbox_filters, "main", 0);
	if (rc < 0) {
		fprintf(stderr, "app: cannot install the main filter: %s\n", strerror(-rc));
		return 1;
	}
	say(1, line);
	if (strcmp(mode, "open-main") == 0)
		open("/dev/null", O_RDONLY);
	snprintf(line, sizeof(line), "main: pid %ld\napp: ok\n", (long)getpid());
	say(1, line);
	/* _exit is exit_group(2) alone; exit(3) could run handlers that make
	 * syscalls the main policy does not allow. */
	_exit(0);
}

/* The program check-kernels traces in each guest, then runs under the
 * policy the trace wrote: threads, a fork and an exec (of itself), as a
 * static program.  It prints the same lines every run.  With the
 * argument "forbidden" it then calls umask, which a traced run never
 * makes, and which the policy must kill. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int sums[3];

static void *worker(void *arg)
{
	int i = (int)(long)arg, s = 0;
	for (int k = 0; k <= 100 * (i + 1); k++)
		s += k;
	sums[i] = s;
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		printf("exec: %s\n", argv[2]);
		return 0;
	}
	pthread_t t[3];
	for (long i = 0; i < 3; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i))
			return 1;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("threads: %d\n", sums[0] + sums[1] + sums[2]);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execl(argv[0], argv[0], "exec", "from the child", (char *)NULL);
		_exit(127);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	printf("child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	if (argc > 1 && strcmp(argv[1], "forbidden") == 0) {
		umask(022);
		printf("umask: not killed\n");
	}
	return 0;
}

/* The program the seccomp-gen-trace round trip traces, then runs under the
 * policy the trace wrote: threads, an ioctl with a specific request
 * (FIONREAD on a pipe), fcntl commands, sockets, an mremap that may move
 * (its flags are what Android's media policies filter), mappings that are
 * writable or executable but never both (write-xor-exec) and files.  It
 * prints what it saw, the same every run.  With a last argument "ptrace"
 * it then makes a syscall no traced run made, which the policy must kill;
 * with "wx-mmap" or "wx-mprotect" it asks for memory both writable and
 * executable, which the policy must kill too; with "int80" it also makes
 * a compat call (x86_64 only). */
#define _GNU_SOURCE /* mremap */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int sums[3];

/* A compat call: i386's getppid (64) through int 0x80 in an x86_64
 * process, which seccomp sees with AUDIT_ARCH_I386. */
static int int80_getppid(void)
{
#if defined(__x86_64__)
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(64L) : "memory", "r8", "r9", "r10", "r11");
	return r > 0;
#else
	return -1;
#endif
}

static void *worker(void *arg)
{
	/* Each worker outlives the main thread's pthread_join call, so the
	 * join waits on the futex in every run, traced or not. */
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	int i = (int)(long)arg, s = 0;
	for (int k = 0; k <= 100 * (i + 1); k++)
		s += k;
	sums[i] = s;
	return NULL;
}

static int threads(void)
{
	pthread_t t[3];
	for (long i = 0; i < 3; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i))
			return -1;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	return sums[0] + sums[1] + sums[2];
}

static int pipes(void)
{
	int fd[2], n = -1;
	if (pipe(fd))
		return -1;
	if (write(fd[1], "hello", 5) != 5 || ioctl(fd[0], FIONREAD, &n))
		return -1;
	int fl = fcntl(fd[0], F_GETFL);
	if (fl < 0 || fcntl(fd[0], F_SETFL, fl | O_NONBLOCK) || !(fcntl(fd[0], F_GETFL) & O_NONBLOCK))
		return -1;
	close(fd[0]);
	close(fd[1]);
	return n;
}

static int sockets(void)
{
	int sv[2];
	char buf[8] = "";
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return -1;
	if (send(sv[0], "ping", 4, 0) != 4 || recv(sv[1], buf, sizeof(buf) - 1, 0) != 4)
		return -1;
	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	close(s);
	close(sv[0]);
	close(sv[1]);
	return strcmp(buf, "ping") == 0;
}

/* A mapping grown with MREMAP_MAYMOVE keeps its contents. */
static int remap(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	p[0] = 'r';
	char *q = mremap(p, page, 4 * page, MREMAP_MAYMOVE);
	if (q == MAP_FAILED) {
		munmap(p, page);
		return -1;
	}
	int ok = q[0] == 'r';
	munmap(q, 4 * page);
	return ok;
}

/* Write xor exec, as a JIT does it: code written into a writable page
 * that is then made executable, and a read-only executable mapping. */
static int mappings(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *code = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *text = mmap(NULL, page, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED || text == MAP_FAILED)
		return -1;
	code[0] = 'x';
	int ok = mprotect(code, page, PROT_READ | PROT_EXEC) == 0 && code[0] == 'x' && text[0] == 0;
	munmap(code, page);
	munmap(text, page);
	return ok;
}

/* Memory both writable and executable, which a traced run never asked for. */
static int wx(const char *how)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int w_x = PROT_WRITE | PROT_EXEC;
	char *p = mmap(NULL, page, strcmp(how, "wx-mmap") == 0 ? w_x : PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	int ok = strcmp(how, "wx-mprotect") != 0 || mprotect(p, page, PROT_READ | w_x) == 0;
	munmap(p, page);
	return ok;
}

static int files(const char *dir)
{
	char path[4096], buf[64] = "";
	snprintf(path, sizeof(path), "%s/traced-prog.txt", dir);
	FILE *f = fopen(path, "w");
	if (!f || fputs("some text\n", f) < 0 || fclose(f))
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		return -1;
	close(fd);
	unlink(path);
	return (int)strlen(buf);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: traced-prog DIR [ptrace|wx-mmap|wx-mprotect|int80]\n");
		return 2;
	}
	printf("threads: %d\n", threads());
	printf("fionread: %d\n", pipes());
	printf("sockets: %d\n", sockets());
	printf("mremap: %d\n", remap());
	printf("mappings: %d\n", mappings());
	printf("file bytes: %d\n", files(argv[1]));
	fflush(stdout);
	if (argc > 2 && strcmp(argv[2], "int80") == 0)
		printf("int80 getppid: %d\n", int80_getppid());
	if (argc > 2 && strncmp(argv[2], "wx-", 3) == 0)
		printf("%s: %d, not killed\n", argv[2], wx(argv[2]));
	if (argc > 2 && strcmp(argv[2], "ptrace") == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		printf("ptrace: not killed\n");
	}
	return 0;
}

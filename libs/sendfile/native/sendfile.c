// Zero-copy file-to-socket transfer for the media stream, off the JavaScript thread.
//
// Node has no sendfile(2): streaming a range means reading it into user memory on the thread pool
// and writing it back into the kernel from the main thread, two copies per byte plus the main
// thread's time in every socket write. Here a few "pump" threads (one per core, as nginx has
// workers) own the transfers: they keep duplicates of the socket and file descriptors in their own
// epoll set, call sendfile(2) whenever a socket can take more (the kernel hands page-cache pages to
// the socket without copying them), and report each finished transfer to JavaScript through a
// thread-safe function. EPOLLONESHOT hands each ready job to exactly one of the threads.
//
// Ownership: a job's duplicate descriptors are closed only on the JavaScript thread, after the pump
// has reported the job, so an abort (shutdown(2) from the JavaScript thread) can never reach a
// descriptor number that has been closed and reused.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <node_api.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

// Most bytes one job sends per wake-up before the pump turns to the others (fairness between viewers).
#define SLICE_BYTES (1 << 20)
#define MAX_EVENTS 16
#define MAX_THREADS 4

typedef struct job {
  int sock;            // duplicate of the socket descriptor
  int file;            // duplicate of the file descriptor
  int64_t offset;      // next file offset to send
  int64_t remaining;   // bytes still to send
  int error;           // errno of the failure that ended the job, 0 when all was sent
  napi_ref callback;
} job_t;

typedef struct pump {
  int epoll;
  int wake;            // eventfd: asks the threads to stop (stays readable, so it wakes them all)
  pthread_t threads[MAX_THREADS];
  int started;         // threads running
  napi_threadsafe_function done;
  uint32_t active;     // jobs started and not yet reported (JavaScript thread only)
} pump_t;

static int arm(pump_t *p, job_t *job, int op) {
  struct epoll_event ev = {.events = EPOLLOUT | EPOLLONESHOT, .data.ptr = job};
  return epoll_ctl(p->epoll, op, job->sock, &ev);
}

// Sends what the socket takes now. Returns 1 when the job has ended (sent or failed), 0 to wait.
static int advance(job_t *job) {
  int64_t budget = SLICE_BYTES;
  while (job->remaining > 0 && budget > 0) {
    off_t off = (off_t)job->offset;
    size_t want = (size_t)(job->remaining < budget ? job->remaining : budget);
    ssize_t n = sendfile(job->sock, job->file, &off, want);
    if (n > 0) {
      job->offset += n;
      job->remaining -= n;
      budget -= n;
    } else if (n == 0) {
      job->error = ENODATA;  // the file ended before the range did
      return 1;
    } else if (errno == EAGAIN) {
      return 0;
    } else if (errno != EINTR) {
      job->error = errno;
      return 1;
    }
  }
  return job->remaining == 0;
}

static void *run_pump(void *arg) {
  pump_t *p = arg;
  // A socket becoming writable must not preempt the JavaScript thread, which is handling requests:
  // SCHED_BATCH keeps this thread's wake-ups from preempting it (a hint; failure changes nothing).
  struct sched_param batch = {.sched_priority = 0};
  sched_setscheduler(0, SCHED_BATCH, &batch);
  struct epoll_event events[MAX_EVENTS];
  for (;;) {
    int n = epoll_wait(p->epoll, events, MAX_EVENTS, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return NULL;
    }
    for (int i = 0; i < n; i++) {
      job_t *job = events[i].data.ptr;
      if (job == NULL) return NULL;  // the stop descriptor
      if (!advance(job)) {
        if (arm(p, job, EPOLL_CTL_MOD) == 0) continue;
        job->error = errno;
      }
      epoll_ctl(p->epoll, EPOLL_CTL_DEL, job->sock, NULL);
      napi_call_threadsafe_function(p->done, job, napi_tsfn_blocking);
    }
  }
}

static void finish_on_js_thread(napi_env env, napi_value unused, void *context, void *data) {
  (void)unused;
  pump_t *p = context;
  job_t *job = data;
  close(job->sock);
  close(job->file);
  if (env != NULL) {
    if (--p->active == 0) napi_unref_threadsafe_function(env, p->done);
    napi_value cb, global, args[2];
    napi_get_reference_value(env, job->callback, &cb);
    napi_get_global(env, &global);
    napi_create_int32(env, job->error, &args[0]);
    napi_create_int64(env, job->offset, &args[1]);
    napi_delete_reference(env, job->callback);
    free(job);
    napi_call_function(env, global, cb, 2, args, NULL);
    return;
  }
  free(job);  // the environment is going away
}

static void stop_pump(void *arg) {
  pump_t *p = arg;
  uint64_t one = 1;
  if (p->started > 0 && write(p->wake, &one, sizeof one) == sizeof one) {
    for (int i = 0; i < p->started; i++) pthread_join(p->threads[i], NULL);
  }
  close(p->wake);
  close(p->epoll);
  free(p);
}

static napi_value throw_errno(napi_env env, const char *what) {
  char message[160];
  snprintf(message, sizeof message, "%s: %s", what, strerror(errno));
  napi_throw_error(env, NULL, message);
  return NULL;
}

// Starts the threads on first use: one per online core, at most MAX_THREADS.
static int start_threads(pump_t *p) {
  if (p->started > 0) return 0;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int want = cores < 1 ? 1 : cores > MAX_THREADS ? MAX_THREADS : (int)cores;
  for (int i = 0; i < want; i++) {
    if (pthread_create(&p->threads[i], NULL, run_pump, p) != 0) break;
    p->started++;
  }
  return p->started > 0 ? 0 : -1;
}

// send(socketFd, fileFd, offset, length, stallMs, callback(errno, endOffset)) -> job (an external, for abort)
static napi_value js_send(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  pump_t *p;
  napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&p);
  if (argc < 6) {
    napi_throw_type_error(env, NULL, "send(socketFd, fileFd, offset, length, stallMs, callback)");
    return NULL;
  }
  int32_t sock, file;
  int64_t offset, length;
  uint32_t stall_ms;
  napi_valuetype cb_type;
  napi_typeof(env, argv[5], &cb_type);
  if (napi_get_value_int32(env, argv[0], &sock) != napi_ok || napi_get_value_int32(env, argv[1], &file) != napi_ok ||
      napi_get_value_int64(env, argv[2], &offset) != napi_ok || napi_get_value_int64(env, argv[3], &length) != napi_ok ||
      napi_get_value_uint32(env, argv[4], &stall_ms) != napi_ok || cb_type != napi_function || sock < 0 || file < 0 ||
      offset < 0 || length < 0) {
    napi_throw_type_error(env, NULL, "send(socketFd, fileFd, offset, length, stallMs, callback): bad arguments");
    return NULL;
  }
  if (start_threads(p) != 0) return throw_errno(env, "sendfile pump threads");

  job_t *job = calloc(1, sizeof *job);
  if (job == NULL) return throw_errno(env, "sendfile job");
  job->offset = offset;
  job->remaining = length;
  job->sock = fcntl(sock, F_DUPFD_CLOEXEC, 0);
  job->file = job->sock < 0 ? -1 : fcntl(file, F_DUPFD_CLOEXEC, 0);
  if (job->sock < 0 || job->file < 0) {
    int saved = errno;
    if (job->sock >= 0) close(job->sock);
    free(job);
    errno = saved;
    return throw_errno(env, "dup");
  }
  // A peer that takes nothing (a zero window) or acknowledges nothing for stall_ms gets the
  // connection aborted by the kernel, and sendfile then fails with ETIMEDOUT: a stalled viewer
  // does not hold a pump job and two descriptors for ever. (Not a TCP socket: nothing to set.)
  if (stall_ms > 0) setsockopt(job->sock, IPPROTO_TCP, TCP_USER_TIMEOUT, &stall_ms, sizeof stall_ms);
  napi_create_reference(env, argv[5], 1, &job->callback);
  if (p->active++ == 0) napi_ref_threadsafe_function(env, p->done);
  if (arm(p, job, EPOLL_CTL_ADD) != 0) {
    // Reported like any other failed job, through the pump's queue, so the callback is always asynchronous.
    job->error = errno;
    napi_call_threadsafe_function(p->done, job, napi_tsfn_blocking);
  }
  napi_value handle;
  napi_create_external(env, job, NULL, NULL, &handle);
  return handle;
}

// abort(job): ends a job that has not been reported yet; it then reports its error (EPIPE, usually).
// The caller must not abort a job whose callback has already run.
static napi_value js_abort(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  job_t *job = NULL;
  if (argc < 1 || napi_get_value_external(env, argv[0], (void **)&job) != napi_ok || job == NULL) {
    napi_throw_type_error(env, NULL, "abort(job)");
    return NULL;
  }
  shutdown(job->sock, SHUT_RDWR);
  return NULL;
}

NAPI_MODULE_INIT() {
  pump_t *p = calloc(1, sizeof *p);
  if (p == NULL) return throw_errno(env, "sendfile pump");
  p->epoll = epoll_create1(EPOLL_CLOEXEC);
  p->wake = eventfd(0, EFD_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
  if (p->epoll < 0 || p->wake < 0 || epoll_ctl(p->epoll, EPOLL_CTL_ADD, p->wake, &ev) != 0) return throw_errno(env, "epoll");

  napi_value name;
  napi_create_string_utf8(env, "lms-sendfile", NAPI_AUTO_LENGTH, &name);
  if (napi_create_threadsafe_function(env, NULL, NULL, name, 0, 1, NULL, NULL, p, finish_on_js_thread, &p->done) != napi_ok) {
    napi_throw_error(env, NULL, "sendfile: cannot create the completion queue");
    return NULL;
  }
  napi_unref_threadsafe_function(env, p->done);
  napi_add_env_cleanup_hook(env, stop_pump, p);

  napi_value send, abort_fn;
  napi_create_function(env, "send", NAPI_AUTO_LENGTH, js_send, p, &send);
  napi_create_function(env, "abort", NAPI_AUTO_LENGTH, js_abort, NULL, &abort_fn);
  napi_set_named_property(env, exports, "send", send);
  napi_set_named_property(env, exports, "abort", abort_fn);
  return exports;
}

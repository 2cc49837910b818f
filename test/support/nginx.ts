import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process';

/** Debian's nginx (apt-get install nginx; .ci/run installs it). */
export const NGINX_BINARY = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path)) ?? 'nginx';

export interface RunningNginx {
  base: string;
  stop: () => Promise<void>;
}

/**
 * A real nginx in front of an app listening on `appPort`, configured as docker/nginx.conf is:
 * everything proxied to the app, and `/_media/` an internal location over `mediaDir` that only
 * the app's X-Accel-Redirect reaches. Runs unprivileged in its own prefix, on a free port.
 */
export async function startNginx(appPort: number, mediaDir: string): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'lms-nginx-'));
  for (const sub of ['logs', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, sub));
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  types { video/mp4 mp4; }
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream api {
    server 127.0.0.1:${appPort};
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
    location /_media/ {
      internal;
      alias ${mediaDir}/;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX_BINARY, ['-p', prefix, '-e', `${prefix}/logs/error.log`, '-c', conf, '-g', `daemon off; pid ${prefix}/nginx.pid;`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  const errorLog = () => (existsSync(join(prefix, 'logs/error.log')) ? readFileSync(join(prefix, 'logs/error.log'), 'utf8') : '');
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}${errorLog()}`);
    if (await fetch(`${base}/health/live`).then((r) => r.ok, () => false)) break;
    if (i > 100) throw new Error(`nginx did not answer: ${stderr}${errorLog()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGQUIT');
        });
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

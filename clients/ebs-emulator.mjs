// A small client for ebs-emulator tests (JavaScript, Node 18+, no dependencies).
// - startEmulator(args) runs the real server binary on a free port with its own database and waits for
//   its ready line; emu.stop(), emu.kill() (SIGKILL), emu.restart() (same database).
// - Admin API wrappers: health, events, deliveries, loadFixture, state, reset, settle, advanceClock.
// - emu.clientConfig(region, account) gives the options for any AWS SDK v3 client.
// - waitFor(predicate, timeoutMs) polls a condition with a deadline (no sleeps in tests).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export async function waitFor(predicate, timeoutMs = 10000, intervalMs = 20) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await predicate();
    if (last) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

export class Emulator {
  constructor({ endpoint, binary, dbPath, args = [], workdir } = {}) {
    this.endpoint = endpoint;
    this.binary = binary ?? process.env.EBS_EMULATOR_BIN ?? 'ebs-emulator';
    this.dbPath = dbPath;
    this.args = args;
    this.workdir = workdir;
    this.child = null;
  }

  async launch() {
    this.child = spawn(this.binary, ['--port', '0', '--db', this.dbPath, ...this.args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: this.child.stdout });
    const line = await new Promise((resolve, reject) => {
      lines.once('line', resolve);
      this.child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    this.endpoint = line.split('listening on ')[1].trim();
    return this;
  }

  clientConfig(region = 'us-east-1', account = '000000000000') {
    return {
      endpoint: this.endpoint,
      region,
      credentials: { accessKeyId: account, secretAccessKey: 'test' },
      maxAttempts: 1,
    };
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }

  async kill() {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
  }

  async restart() {
    return this.launch();
  }

  async close() {
    await this.stop();
    if (this.workdir) rmSync(this.workdir, { recursive: true, force: true });
  }

  async admin(method, path, body, query) {
    const url = new URL(`${this.endpoint}/_emulator/${path.replace(/^\//, '')}`);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  health() { return this.admin('GET', 'health'); }
  async events(filters = {}) { return (await this.admin('GET', 'events', undefined, filters)).events.map((e) => e.event); }
  async deliveries(filters = {}) { return (await this.admin('GET', 'deliveries', undefined, filters)).deliveries; }
  loadFixture(doc) { return this.admin('POST', 'fixtures', doc); }
  state() { return this.admin('GET', 'state'); }
  reset(scope = {}) { return this.admin('POST', 'reset', scope); }
  settle(timeoutSeconds = 10) { return this.admin('POST', 'settle', { timeoutSeconds }); }
  advanceClock(seconds) { return this.admin('POST', 'clock', { advanceSeconds: seconds }); }
}

export async function startEmulator(args = [], options = {}) {
  const workdir = mkdtempSync(join(tmpdir(), 'ebs-emu-'));
  const emu = new Emulator({ ...options, dbPath: options.dbPath ?? join(workdir, 'state.db'), args, workdir });
  return emu.launch();
}

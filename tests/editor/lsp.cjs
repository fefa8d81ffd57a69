// A minimal LSP client over stdio: one yaml-language-server process.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

class Client {
  constructor(nodeModules) {
    const bin = path.join(nodeModules, 'yaml-language-server', 'bin', 'yaml-language-server');
    this.proc = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.buffer = Buffer.alloc(0);
    this.settings = {};
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { this.stderr += d; });
    this.proc.stdout.on('data', (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('ascii');
      const match = /Content-Length: (\d+)/i.exec(header);
      if (!match) throw new Error(`bad LSP header: ${header}`);
      const length = Number(match[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
      else waiter.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // A request from the server: answer what a plain editor would.
      let result = null;
      if (message.method === 'workspace/configuration') {
        result = message.params.items.map((item) => {
          let node = this.settings;
          for (const part of (item.section || '').split('.').filter(Boolean)) node = node && node[part];
          return node === undefined ? null : node;
        });
      }
      this.send({ jsonrpc: '2.0', id: message.id, result });
      return;
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.method === message.method && waiter.test(message.params)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message.params);
      }
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.send({ jsonrpc: '2.0', id, method, params });
    return withTimeout(promise, `${method} got no answer`);
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next notification `method` whose params pass `test`. */
  next(method, test) {
    return withTimeout(
      new Promise((resolve) => this.waiters.push({ method, test, resolve })),
      `no ${method}`,
    );
  }

  async stop() {
    await this.request('shutdown', null);
    this.notify('exit', null);
  }
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within 30 s`)), 30000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

module.exports = { Client };

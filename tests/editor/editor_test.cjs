// The editor test: the real yaml-language-server (pinned in package-lock.json)
// over stdio LSP, one server process for every case, against
// schema/tfgen.schema.json bound as README's VS Code snippet binds it.
//
//   node tests/editor/editor_test.cjs <node_modules> <tfgen binary>
//
// Run by .ci/editor (which installs the pinned packages with `npm ci`).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { Client } = require('./lsp.cjs');

const [nodeModules, tfgen] = process.argv.slice(2).map((p) => path.resolve(p));
const root = path.resolve(__dirname, '..', '..');
const schemaPath = path.join(root, 'schema', 'tfgen.schema.json');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tfgen-editor-'));
let failures = 0;
let passed = 0;

async function check(name, body) {
  try {
    await body();
    passed += 1;
  } catch (e) {
    failures += 1;
    console.error(`FAIL ${name}\n  ${String(e.message).replace(/\n/g, '\n  ')}`);
  }
}

/** The range of the first `needle` in `text` (after `after`, if given), as LSP positions. */
function rangeOf(text, needle, after = '') {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(offset >= 0, `"${needle}" is not in the case`);
  const position = (o) => {
    const before = text.slice(0, o).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}

/** A snippet's text with every placeholder at its default (`${1:web}` → web, `$1` → ''). */
function expand(snippet) {
  let text = snippet;
  for (let i = 0; i < 10 && /\$\{\d+:[^${}]*\}/.test(text); i++) {
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\{\d+\}|\$\d+/g, '');
}

function hasEmptyPlaceholder(snippet) {
  return /\$\{\d+\}|\$\d+|\$\{\d+:\}/.test(snippet);
}

/** `tfgen validate` on a text: [exit code, stderr]. */
function validate(text, name) {
  const file = path.join(scratch, `${name.replace(/[^a-z0-9]+/gi, '_')}.yaml`);
  fs.writeFileSync(file, text);
  try {
    execFileSync(tfgen, ['validate', '--color', 'never', file], { stdio: 'pipe' });
    return [0, ''];
  } catch (e) {
    return [e.status, String(e.stderr)];
  }
}

const BASE = 'version: 1\nproject: demo\nenvironment: dev\nregion: eu-west-1\n';
const WEB = 'services:\n  web:\n    port: 3000\n    path: /\n';
// The multi-environment form: a shared part and `environments`.
const SHARED = `version: 1\nproject: demo\nregion: eu-west-1\n${WEB}`;

/** The example specs: specs/*.yaml and the multi-environment ones in specs/<folder>/. */
function exampleSpecs() {
  const dir = path.join(root, 'specs');
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      for (const f of fs.readdirSync(path.join(dir, entry.name))) {
        if (f.endsWith('.yaml')) files.push(`${entry.name}/${f}`);
      }
    } else if (entry.name.endsWith('.yaml')) {
      files.push(entry.name);
    }
  }
  return files.sort();
}

// One broken spec per rule the schema states (issue 17, items 1-3): the
// message the editor shows and the range it underlines.
const BROKEN = [
  {
    name: 'version is the constant 1',
    text: `version: 2\nproject: demo\nenvironment: dev\nregion: eu-west-1\n${WEB}`,
    message: 'Value must be 1.',
    at: ['2'],
  },
  {
    name: 'project pattern in words',
    text: `version: 1\nproject: Demo_App\nenvironment: dev\nregion: eu-west-1\n${WEB}`,
    message: 'Use lowercase letters, digits and single hyphens between them, starting with a letter (3-30 characters)',
    at: ['Demo_App'],
  },
  {
    name: 'a type error names the title of the definition',
    text: `${BASE}${WEB}network: 10.0.0.0/16\n`,
    message: 'Incorrect type. Expected "Network (VPC)".',
    at: ['10.0.0.0/16'],
  },
  {
    name: 'a type error on tags names tags',
    text: `${BASE}${WEB}tags: 5\n`,
    message: 'Incorrect type. Expected "Tags".',
    at: ['5', 'tags'],
  },
  {
    name: 'service names are DNS labels',
    text: `${BASE}services:\n  Web_App:\n    port: 3000\n    path: /\n`,
    message: 'A service name is a DNS label of 1-20 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
    at: ['Web_App'],
  },
  {
    name: 'VPC CIDR shape and prefix',
    text: `${BASE}${WEB}network:\n  cidr: 10.0.0.0/8\n`,
    message: 'Expected an IPv4 CIDR block with a prefix from /16 to /24, e.g. 10.0.0.0/16',
    at: ['10.0.0.0/8'],
  },
  {
    name: 'allowed CIDRs are CIDR blocks',
    text: `${BASE}${WEB}access:\n  allowed_cidrs: [203.0.113.10]\n`,
    message: 'Expected a CIDR block: an address with its prefix, e.g. 203.0.113.10/32',
    at: ['203.0.113.10'],
  },
  {
    name: 'schedule days',
    text: `${BASE}${WEB}schedule:\n  days: MON-FRY\n`,
    message: 'Expected days like MON-FRI or MON,WED,FRI (SUN MON TUE WED THU FRI SAT)',
    at: ['MON-FRY'],
  },
  {
    name: 'schedule times',
    text: `${BASE}${WEB}schedule:\n  start: "9:00"\n`,
    message: 'Expected a 24-hour time HH:MM, e.g. "09:00"',
    at: ['"9:00"'],
  },
  {
    name: 'Fargate CPU/memory pairs',
    text: `${BASE}services:\n  web:\n    port: 3000\n    path: /\n    cpu: 256\n    memory: 4096\n`,
    message: 'With cpu: 256, Fargate memory is one of 512, 1024, 2048 (MiB)',
    at: ['4096'],
  },
  {
    name: "Aurora fields with engine postgres",
    text: `${BASE}${WEB}database:\n  engine: postgres\n  min_capacity: 0.5\n`,
    message: 'Has no effect: min_capacity, max_capacity and readers are aurora_postgres fields',
    at: ['min_capacity'],
  },
  {
    name: 'postgres fields with engine aurora_postgres',
    text: `${BASE}${WEB}database:\n  engine: aurora_postgres\n  multi_az: true\n`,
    message: 'Has no effect: instance_class and multi_az are postgres fields',
    at: ['multi_az'],
  },
  {
    name: 'fields with engine none',
    text: `${BASE}${WEB}database:\n  engine: none\n  readers: 1\n`,
    message: 'Has no effect: database.engine is none',
    at: ['readers'],
  },
  {
    name: 'a worker has no port',
    text: `${BASE}${WEB}  worker:\n    kind: worker\n    port: 8000\n`,
    message: 'Has no effect: a worker has no port, no ALB path, no ALB health check (path, matcher, interval, unhealthy_threshold) and no request-count scaling',
    at: ['port', 'kind: worker'],
  },
  {
    name: 'a backend needs a port',
    text: `${BASE}${WEB}  search:\n    kind: backend\n`,
    message: 'Missing property "port".',
    at: ['search'],
  },
  {
    name: 'callers only on a backend',
    text: `${BASE}${WEB}  worker:\n    kind: worker\n    callers: [web]\n`,
    message: 'callers narrows who may call a backend service: set `kind: backend`, or remove it',
    at: ['callers'],
  },
  {
    name: 'callers are service names',
    text: `${BASE}${WEB}  search:\n    kind: backend\n    port: 9200\n    callers: [Web_App]\n`,
    message: 'A caller is a service name: a DNS label of 1-20 characters, lowercase letters, digits and hyphens',
    at: ['Web_App'],
  },
  {
    name: 'Sentry needs its organization when enabled',
    text: `${BASE}${WEB}monitoring:\n  sentry:\n    enabled: true\n    team: web\n`,
    message: 'Missing property "organization".',
    at: ['sentry'],
  },
  {
    name: 'environment names follow the pattern of environment',
    text: `${SHARED}environments:\n  Prod: {}\n`,
    message: 'Use lowercase letters, digits and single hyphens between them, starting with a letter (1-15 characters)',
    at: ['Prod'],
  },
  {
    name: 'an environment cannot override the project',
    text: `${SHARED}environments:\n  prod:\n    project: other\n`,
    message: 'Property project is not allowed.',
    at: ['project', 'prod:'],
  },
  {
    name: 'an override is checked like the field it overrides',
    text: `${SHARED}environments:\n  prod:\n    network:\n      cidr: 10.0.0.0/8\n`,
    message: 'Expected an IPv4 CIDR block with a prefix from /16 to /24, e.g. 10.0.0.0/16',
    at: ['10.0.0.0/8'],
  },
];

// A strict validator compiles the schema: Ajv in strict mode (draft 2020-12),
// told only that the editor keywords are annotations (src/spec/schema.rs EDITOR_KEYWORDS),
// and accepts every example spec.
check('Ajv (strict) compiles the schema and accepts the examples', () => {
  const Ajv2020 = require(path.join(nodeModules, 'ajv', 'dist', '2020')).default;
  const YAML = require(path.join(nodeModules, 'yaml'));
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  for (const keyword of ['patternErrorMessage', 'errorMessage', 'enumDescriptions', 'defaultSnippets']) {
    ajv.addKeyword({ keyword });
  }
  const validateSpec = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
  for (const file of exampleSpecs()) {
    const spec = YAML.parse(fs.readFileSync(path.join(root, 'specs', file), 'utf8'));
    assert.ok(validateSpec(spec), `${file}: ${JSON.stringify(validateSpec.errors)}`);
  }
});

(async () => {
  const client = new Client(nodeModules);
  // The binding of README's VS Code snippet: a glob in `yaml.schemas`.
  client.settings = {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      // README's VS Code snippet, with the cases' own glob: a path relative to the workspace root.
      schemas: { './schema/tfgen.schema.json': ['specs/*.yaml', '*.tfgen.yaml'] },
    },
  };
  await client.request('initialize', {
    processId: process.pid,
    rootUri: `file://${root}`,
    workspaceFolders: [{ uri: `file://${root}`, name: 'tfgen' }],
    capabilities: {
      textDocument: {
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown'] },
      },
      workspace: { configuration: true, workspaceFolders: true },
    },
  });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: client.settings });

  let opened = 0;
  // The server publishes diagnostics after a 200 ms debounce: documents are
  // opened together and their diagnostics awaited together (each has its own URI).
  function open(text, uri = `file://${root}/target/editor-cases/case-${opened}.tfgen.yaml`) {
    opened += 1;
    const published = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const close = () => client.notify('textDocument/didClose', { textDocument: { uri } });
    return { uri, close, diagnostics: published.then((p) => p.diagnostics) };
  }
  const show = (diagnostics) => JSON.stringify(diagnostics.map((d) => [d.message, d.range]), null, 1);

  // Every example spec, and a spec sharing settings through a YAML merge key: no diagnostics.
  const examples = exampleSpecs();
  assert.ok(examples.length >= 3, 'the example specs');
  const clean = examples.map((file) => {
    const text = fs.readFileSync(path.join(root, 'specs', file), 'utf8');
    return { name: `no diagnostics on specs/${file}`, doc: open(text, `file://${root}/specs/${file}`) };
  });
  const mergeText = `${BASE}services:\n  web: &svc\n    port: 3000\n    path: /\n    cpu: 512\n    memory: 1024\n  api:\n    <<: *svc\n    path: /api/*\n`;
  clean.push({ name: 'merge keys are accepted', doc: open(mergeText) });
  // Overrides need nothing the shared part has, and null removes a shared value.
  const multiText = `${SHARED}  api:\n    port: 3001\n    path: /api/*\ndomain:\n  name: example.com\nenvironments:\n  staging:\n    profile: minimal\n    domain: null\n    services:\n      api: null\n      web: { cpu: 256, memory: 512 }\n  prod:\n    services:\n      web:\n        scaling: { max: 4 }\n`;
  clean.push({ name: 'the multi-environment form with overrides and null', doc: open(multiText) });
  const broken = BROKEN.map((c) => ({ c, doc: open(c.text) }));
  for (const { name, doc } of clean) {
    await check(name, async () => {
      const diagnostics = await doc.diagnostics;
      doc.close();
      assert.deepEqual(diagnostics, [], show(diagnostics));
    });
  }
  await check('tfgen validates the merge keys too', async () => {
    assert.deepEqual(validate(mergeText, 'merge'), [0, '']);
  });
  await check('tfgen validates the multi-environment form too', async () => {
    assert.equal(validate(multiText, 'multi')[0], 0);
  });
  for (const { c, doc } of broken) {
    await check(`diagnostic: ${c.name}`, async () => {
      const diagnostics = await doc.diagnostics;
      doc.close();
      const expected = { message: c.message, range: rangeOf(c.text, ...c.at) };
      const got = diagnostics.map((d) => ({ message: d.message, range: d.range }));
      assert.deepEqual(got, [expected], show(diagnostics));
      // The CLI rejects it too.
      assert.equal(validate(c.text, c.name)[0], 1, 'tfgen validate accepts it');
    });
  }

  // Completion: what an accepted item inserts (placeholders at their defaults) validates.
  async function complete(text, line, character) {
    const doc = open(text);
    const result = await client.request('textDocument/completion', {
      textDocument: { uri: doc.uri },
      position: { line, character },
    });
    doc.close();
    return (Array.isArray(result) ? result : result.items).map((i) => ({
      label: i.label,
      text: i.textEdit ? i.textEdit.newText : i.insertText,
    }));
  }

  await check('completion in an empty file: the spec snippet validates', async () => {
    const items = await complete('', 0, 0);
    const snippet = items.find((i) => i.label === 'tfgen spec');
    assert.ok(snippet, JSON.stringify(items.map((i) => i.label)));
    const text = `${expand(snippet.text)}\n`;
    assert.deepEqual(validate(text, 'top-snippet'), [0, ''], text);
    const version = items.find((i) => i.label === 'version');
    assert.equal(version && version.text, 'version: 1');
  });

  await check('completion at the top level: every complete section validates', async () => {
    const text = `${BASE}${WEB}\n`;
    const items = await complete(text, text.split('\n').length - 1, 0);
    const validated = [];
    for (const item of items) {
      if (!item.text || hasEmptyPlaceholder(item.text)) continue; // the user types a value first
      if (item.label === 'environments') continue; // the other form: not beside `environment`
      const inserted = expand(item.text);
      if (/:\s*$/.test(inserted)) continue; // an empty section to fill
      const [code, stderr] = validate(`${text}${inserted}\n`, `top-${item.label}`);
      assert.equal(code, 0, `"${item.label}" inserts\n${inserted}\nwhich tfgen rejects:\n${stderr}`);
      assert.ok(!/: 0$/m.test(inserted), `"${item.label}" inserts a 0:\n${inserted}`);
      validated.push(item.label);
    }
    for (const label of ['state', 'network', 'schedule', 'database', 'storage', 'registry', 'bastion', 'cdn', 'auth', 'monitoring', 'cost']) {
      assert.ok(validated.includes(label), `"${label}" was not offered complete: ${validated}`);
    }
  });

  await check('completion inside a service: every complete field validates', async () => {
    const text = `${BASE}${WEB}    \n`;
    const lines = text.split('\n');
    const items = await complete(text, lines.length - 2, 4);
    const validated = [];
    for (const item of items) {
      if (!item.text || hasEmptyPlaceholder(item.text)) continue;
      if (/:\s*$/.test(expand(item.text))) continue; // the user types a value first
      const inserted = expand(item.text).split('\n').map((l) => `    ${l}`).join('\n');
      const spec = `${BASE}${WEB}${inserted}\n`;
      const [code, stderr] = validate(spec, `service-${item.label}`);
      assert.equal(code, 0, `"${item.label}" inserts\n${inserted}\nwhich tfgen rejects:\n${stderr}`);
      assert.ok(!/: 0$/m.test(inserted), `"${item.label}" inserts a 0:\n${inserted}`);
      validated.push(item.label);
    }
    for (const label of ['memory', 'desired', 'health_check', 'scaling', 'spot']) {
      assert.ok(validated.includes(label), `"${label}" was not offered complete: ${validated}`);
    }
  });

  await check('completion in an environment: every complete override validates', async () => {
    // Nothing is required in an override (the shared part may hold it): the
    // shared part here names the domain an override of `domain` completes.
    const shared = `${SHARED}domain:\n  name: example.com\n`;
    const text = `${shared}environments:\n  prod:\n    \n`;
    const lines = text.split('\n');
    const items = await complete(text, lines.length - 2, 4);
    const validated = [];
    for (const item of items) {
      if (!item.text || hasEmptyPlaceholder(item.text)) continue;
      if (/:\s*$/.test(expand(item.text))) continue; // the user types a value first
      const inserted = expand(item.text).split('\n').map((l) => `    ${l}`).join('\n');
      const spec = `${shared}environments:\n  prod:\n${inserted}\n`;
      const [code, stderr] = validate(spec, `override-${item.label}`);
      assert.equal(code, 0, `"${item.label}" inserts\n${inserted}\nwhich tfgen rejects:\n${stderr}`);
      validated.push(item.label);
    }
    for (const label of ['profile', 'network', 'database', 'monitoring']) {
      assert.ok(validated.includes(label), `"${label}" was not offered complete: ${validated}`);
    }
    for (const label of ['version', 'project', 'environment', 'environments']) {
      assert.ok(!items.some((i) => i.label === label), `"${label}" is offered in an environment`);
    }
  });

  await check('completion in an overridden service: every complete field validates', async () => {
    const text = `${SHARED}environments:\n  prod:\n    services:\n      web:\n        \n`;
    const lines = text.split('\n');
    const items = await complete(text, lines.length - 2, 8);
    const validated = [];
    for (const item of items) {
      if (!item.text || hasEmptyPlaceholder(item.text)) continue;
      if (/:\s*$/.test(expand(item.text))) continue;
      const inserted = expand(item.text).split('\n').map((l) => `        ${l}`).join('\n');
      const spec = `${SHARED}environments:\n  prod:\n    services:\n      web:\n${inserted}\n`;
      const [code, stderr] = validate(spec, `override-service-${item.label}`);
      assert.equal(code, 0, `"${item.label}" inserts\n${inserted}\nwhich tfgen rejects:\n${stderr}`);
      validated.push(item.label);
    }
    for (const label of ['memory', 'desired', 'scaling']) {
      assert.ok(validated.includes(label), `"${label}" was not offered complete: ${validated}`);
    }
  });

  await check('completion in an empty environments map: the environment snippet validates', async () => {
    const text = `${SHARED}environments:\n  `;
    const lines = text.split('\n');
    const items = await complete(text, lines.length - 1, 2);
    const snippet = items.find((i) => i.label === 'environment');
    assert.ok(snippet, JSON.stringify(items.map((i) => i.label)));
    const inserted = expand(snippet.text).split('\n').map((l, i) => (i === 0 ? l : `  ${l}`)).join('\n');
    const spec = `${text}${inserted}\n`;
    assert.equal(validate(spec, 'environment-snippet')[0], 0, spec);
  });

  await check('completion under services: the service snippet validates', async () => {
    const text = `${BASE}services:\n  `;
    const items = await complete(text, 5, 2);
    const snippet = items.find((i) => i.label === 'service');
    assert.ok(snippet, JSON.stringify(items.map((i) => i.label)));
    const inserted = expand(snippet.text).split('\n').map((l, i) => (i === 0 ? l : `  ${l}`)).join('\n');
    const spec = `${text}${inserted}\n`;
    assert.deepEqual(validate(spec, 'service-snippet'), [0, ''], spec);
  });

  // Hover: the title of the section's definition and its description.
  for (const [key, title] of [['network', 'Network (VPC)'], ['web', 'Service (ECS Fargate)'], ['health_check', 'Health check']]) {
    await check(`hover on ${key} shows "${title}"`, async () => {
      const text = `${BASE}services:\n  web:\n    port: 3000\n    path: /\n    health_check:\n      path: /health\nnetwork:\n  azs: 2\n`;
      const doc = open(text);
      const { start } = rangeOf(text, `${key}:`);
      const hover = await client.request('textDocument/hover', {
        textDocument: { uri: doc.uri },
        position: { line: start.line, character: start.character + 1 },
      });
      doc.close();
      const shown = hover && (hover.contents.value || JSON.stringify(hover.contents));
      assert.ok(shown && shown.includes(title), `hover shows ${shown}`);
    });
  }

  await client.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log(`editor test (yaml-language-server ${require(path.join(nodeModules, 'yaml-language-server', 'package.json')).version}): ${passed} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

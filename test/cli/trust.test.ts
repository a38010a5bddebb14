// The trust report for admins (#29.5): what an entry asks of the agent's host, as one review item per entry and as
// the json format's hostAccess field, through the real binary.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from '../helpers/cliRun';

interface Result { file: string; hostAccess: string[]; diagnostics: { code: string; line: number; column: number; message: string }[] }

const entry = (name: string, more: object) => JSON.stringify({
  friendly_name: name, description: 'A lab.', image_src: 'icon.png', categories: ['Development'], architecture: ['amd64'],
  compatibility: [{ version: '1.19.x', image: 'acme/lab:1.19.0', uncompressed_size_mb: 2000 }], ...more,
}, null, 2);

describe('what an entry asks of the host', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-trust-'));
  const files = {
    Wide: entry('Wide', {
      run_config: {
        privileged: true, network_mode: 'host', volumes: { '/var/run/docker.sock': { bind: '/var/run/docker.sock', mode: 'rw' } },
        cap_add: ['SYS_ADMIN'], security_opt: ['seccomp=unconfined', 'apparmor:unconfined'], user: 'root', ports: { '8080/tcp': 8080 },
      },
      exec_config: { first_launch: { cmd: 'bash -c true', user: 'root' } },
    }),
    Kasm: entry('Kasm', { run_config: { hostname: 'kasm', user: 1000 } }),
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(root, 'workspaces', name), { recursive: true });
    fs.writeFileSync(path.join(root, 'workspaces', name, 'workspace.json'), text);
  }
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: root, encoding: 'utf8' });
  const results = JSON.parse(result.stdout) as Result[];
  const of = (name: string) => results.find((r) => r.file.includes(`/${name}/`))!;

  it('lists each ask once in the json format, and nothing for an entry that asks nothing', () => {
    assert.deepEqual(of('Wide').hostAccess, [
      'privileged (full access to the host)', 'the host\'s network', 'the Docker socket (control of every container on the host)',
      'capabilities SYS_ADMIN', 'no seccomp confinement', 'no apparmor confinement', 'running as root', 'host ports (8080/tcp)',
      'the first_launch command as root',
    ]);
    assert.deepEqual(of('Kasm').hostAccess, []);
  });

  it('says it as one review item per entry, on the first ask, with what the dashboard will ask', () => {
    const review = of('Wide').diagnostics.filter((d) => d.code === 'docker-config-review');
    assert.equal(review.length, 1);
    assert.deepEqual([review[0].line, review[0].column], [19, 5], 'at run_config.privileged');
    assert.match(review[0].message, /^Asks of the host: privileged \(full access to the host\); the host's network; the Docker socket .*; the first_launch command as root\. Kasm's dashboard will ask the admin to review /);
    assert.deepEqual(of('Kasm').diagnostics.filter((d) => d.code === 'docker-config-review'), []);
  });
});
